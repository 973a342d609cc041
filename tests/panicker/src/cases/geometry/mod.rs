//! A nested module with trait impls.

pub mod shapes;

use shapes::{Shape, Square, Triangle};

/// Sums the areas of some shapes; the triangle's area panics.
#[inline(never)]
pub fn total_area() -> u32 {
    let shapes: Vec<Box<dyn Shape>> = vec![Box::new(Square(2)), Box::new(Triangle(3, 0))];
    shapes.iter().map(|s| std::hint::black_box(s).area()).sum()
}
