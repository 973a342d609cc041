//! The failure cases, one function chain each.

use std::cell::RefCell;
use std::hint::black_box;

pub mod geometry;
mod recursion;

/// Runs the case called `name`.
#[inline(never)]
pub fn dispatch(name: &str) -> bool {
    match name {
        "bounds" => {
            black_box(read_past_end(black_box(10)));
        }
        "unwrap_none" => {
            black_box(first_even(&[1, 3, 5]));
        }
        "expect_err" => {
            black_box(parse_port("eighty"));
        }
        "deep_panic" => {
            black_box(recursion::descend(black_box(0)));
        }
        "refcell" => double_borrow(),
        "overflow" => {
            black_box(add_bonus(black_box(250)));
        }
        "trait_impl" => {
            black_box(geometry::total_area());
        }
        "html_message" => html_message(),
        "stack_overflow" => {
            black_box(recursion::forever_a(black_box(1)));
        }
        _ => return false,
    }
    true
}

#[inline(never)]
fn read_past_end(index: usize) -> u32 {
    let items = black_box(vec![1u32, 2, 3]);
    items[index] // site:bounds
}

#[inline(never)]
fn first_even(values: &[u32]) -> u32 {
    values.iter().copied().find(|v| v % 2 == 0).unwrap() // site:unwrap_none
}

#[inline(never)]
fn parse_port(text: &str) -> u16 {
    text.parse::<u16>().expect("port must be a number") // site:expect_err
}

#[inline(never)]
fn double_borrow() {
    let cell = black_box(RefCell::new(vec![1u8]));
    let _first = cell.borrow_mut();
    let _second = cell.borrow_mut(); // site:refcell
}

#[inline(never)]
fn add_bonus(points: u8) -> u8 {
    let bonus = black_box(10u8);
    points + bonus // site:overflow
}

#[inline(never)]
fn html_message() {
    panic!("<img src=x onerror=\"window.__xss=1\"><b>bold</b>"); // site:html_message
}
