//! Deep and endless recursion.

use std::hint::black_box;

/// Recurses 20 levels, then panics.
#[inline(never)]
pub fn descend(depth: u32) -> u32 {
    if black_box(depth) >= 20 {
        panic!("too deep at {depth}"); // site:deep_panic
    }
    descend(depth + 1) + black_box(1)
}

/// Endless recursion through three functions, until the engine's stack runs out.
#[inline(never)]
pub fn forever_a(n: u64) -> u64 {
    forever_b(black_box(n + 1)).wrapping_add(black_box(1))
}

#[inline(never)]
fn forever_b(n: u64) -> u64 {
    forever_c(black_box(n + 1)).wrapping_add(black_box(2))
}

#[inline(never)]
fn forever_c(n: u64) -> u64 {
    forever_a(black_box(n + 1)).wrapping_add(black_box(3))
}
