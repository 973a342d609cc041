//! Endless recursion: the shortest cycle of frames repeated most.

use std::collections::HashMap;

use crate::model::{Frame, Recursion};

/// A cycle must repeat at least this many times to count as recursion.
pub const MIN_REPEATS: usize = 4;
/// The longest cycle looked for, in frames.
pub const MAX_CYCLE: usize = 64;

/// Finds the repeated run of frames that covers the most of the stack, with the shortest
/// cycle that explains it; `None` when no cycle repeats [`MIN_REPEATS`] times.
///
/// Frames compare by function name (by place when the name is missing). The cycle is taken
/// from the outermost end of the run, where the recursion was entered, so it does not
/// change with the depth at which the stack ran out. Work is `O(frames × MAX_CYCLE)`.
///
/// ```
/// use err::analyze::find_recursion;
/// use err::model::Frame;
/// let mut frames = vec![Frame::new("app::main")];
/// for _ in 0..100 {
///     frames.extend(["app::a", "app::b", "app::c"].map(Frame::new));
/// }
/// frames.push(Frame::new("app::a"));
/// let r = find_recursion(&frames).unwrap();
/// assert_eq!((r.start, r.repeats), (1, 100));
/// assert_eq!(r.cycle, ["app::a", "app::b", "app::c"]);
/// assert!(find_recursion(&frames[..7]).is_none());
/// ```
pub fn find_recursion(frames: &[Frame]) -> Option<Recursion> {
    let ids = intern(frames);
    let n = ids.len();
    // (covered frames, period, start)
    let mut best: Option<(usize, usize, usize)> = None;
    for period in 1..=MAX_CYCLE.min(n / MIN_REPEATS) {
        let mut run_start = 0;
        let mut run = 0;
        for i in 0..=(n - period) {
            let same = i + period < n && ids[i] == ids[i + period];
            if same {
                if run == 0 {
                    run_start = i;
                }
                run += 1;
                continue;
            }
            if run > 0 {
                let repeats = (run + period) / period;
                let covered = repeats * period;
                let better = match best {
                    None => true,
                    Some((best_covered, _, _)) => covered > best_covered,
                };
                if repeats >= MIN_REPEATS && better {
                    best = Some((covered, period, run_start));
                }
            }
            run = 0;
        }
    }
    let (covered, period, start) = best?;
    let cycle = frames[start..start + period]
        .iter()
        .map(frame_key)
        .collect();
    Some(Recursion {
        start,
        cycle,
        repeats: covered / period,
    })
}

/// The name a frame is compared by.
fn frame_key(frame: &Frame) -> String {
    if frame.function.is_empty() {
        frame.place()
    } else {
        frame.function.clone()
    }
}

fn intern(frames: &[Frame]) -> Vec<usize> {
    let mut table: HashMap<String, usize> = HashMap::new();
    frames
        .iter()
        .map(|f| {
            let next = table.len();
            *table.entry(frame_key(f)).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stack(names: &[&str]) -> Vec<Frame> {
        names.iter().map(|n| Frame::new(*n)).collect()
    }

    #[test]
    fn single_frame_recursion() {
        let mut names = vec!["main"];
        names.extend(std::iter::repeat_n("f", 50));
        let r = find_recursion(&stack(&names)).unwrap();
        assert_eq!((r.start, r.cycle.len(), r.repeats), (1, 1, 50));
    }

    #[test]
    fn shortest_cycle_wins_over_its_multiples() {
        let names: Vec<&str> = std::iter::repeat_n(["a", "b"], 40).flatten().collect();
        let r = find_recursion(&stack(&names)).unwrap();
        assert_eq!(r.cycle, ["a", "b"]);
        assert_eq!(r.repeats, 40);
    }

    #[test]
    fn cycle_does_not_depend_on_depth() {
        let make = |depth: usize| {
            let mut names = vec!["main", "enter"];
            for i in 0..depth {
                names.push(["a", "b", "c"][i % 3]);
            }
            find_recursion(&stack(&names)).unwrap().cycle
        };
        assert_eq!(make(300), make(301));
        assert_eq!(make(301), make(302));
    }

    #[test]
    fn short_repeats_are_not_recursion() {
        assert!(find_recursion(&stack(&["a", "b", "a", "b", "a", "b"])).is_none());
        assert!(find_recursion(&[]).is_none());
    }
}
