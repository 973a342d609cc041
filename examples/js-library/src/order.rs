//! An order: lines of `<quantity> x <price>`.

/// One line of an order.
pub struct Line {
    pub quantity: u32,
    pub price: u32,
}

/// The lines of an order.
pub struct Order {
    pub lines: Vec<Line>,
}

impl Order {
    /// Reads every non-empty line. The bug: a line of another shape panics instead of
    /// being refused with an error.
    pub fn parse(text: &str) -> Self {
        let lines = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(parse_line)
            .collect();
        Self { lines }
    }

    /// The sum of quantity times price.
    pub fn total(&self) -> u32 {
        self.lines.iter().map(|l| l.quantity * l.price).sum()
    }
}

fn parse_line(line: &str) -> Line {
    let parts = line.split_once(" x ");
    let (quantity, price) = parts.expect("a line is `<quantity> x <price>`"); // site:js_library_parse_line
    Line {
        quantity: quantity.trim().parse().unwrap_or(1),
        price: price.trim().parse().unwrap_or(0),
    }
}
