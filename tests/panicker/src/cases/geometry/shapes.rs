//! Shapes behind a trait object.

/// Something with an area.
pub trait Shape {
    /// The area.
    fn area(&self) -> u32;
}

/// A square of a side.
pub struct Square(pub u32);

/// A triangle of a base and a height.
pub struct Triangle(pub u32, pub u32);

impl Shape for Square {
    #[inline(never)]
    fn area(&self) -> u32 {
        self.0 * self.0
    }
}

impl Shape for Triangle {
    #[inline(never)]
    fn area(&self) -> u32 {
        if self.1 == 0 {
            panic!("degenerate triangle with base {}", self.0); // site:trait_impl
        }
        self.0 * self.1 / 2
    }
}
