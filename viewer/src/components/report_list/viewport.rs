//! The list's viewport: its measured height, and scrolling to the selected row.

use yew::prelude::*;

use super::ROW_HEIGHT;
use crate::web::listen;

/// Keeps the list's height measured (on mount and when the window is resized).
#[hook]
pub fn use_height(container: NodeRef) -> f64 {
    let height = use_state(|| 800.0f64);
    {
        let height = height.clone();
        use_effect_with((), move |()| {
            let measure = move || {
                if let Some(el) = container.cast::<web_sys::Element>() {
                    let h = f64::from(el.client_height());
                    if h > 0.0 {
                        height.set(h);
                    }
                }
            };
            measure();
            let listener = listen::on_window("resize", move |_| measure());
            move || drop(listener)
        });
    }
    *height
}

/// Scrolls the selected row into view when the selection moves.
#[hook]
pub fn use_scroll_to_selected(container: NodeRef, selected: usize) {
    use_effect_with(selected, move |selected| {
        if let Some(el) = container.cast::<web_sys::Element>() {
            let top = *selected as f64 * ROW_HEIGHT;
            let view_top = f64::from(el.scroll_top());
            let view_height = f64::from(el.client_height());
            if top < view_top {
                el.set_scroll_top(top as i32);
            } else if top + ROW_HEIGHT > view_top + view_height {
                el.set_scroll_top((top + ROW_HEIGHT - view_height) as i32);
            }
        }
    });
}
