//! The shop's cart: what the app does, with a bug to report.

/// An item of the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    /// What it is called.
    pub name: &'static str,
    /// Its price in cents.
    pub cents: u32,
}

/// What the shop sells.
pub const CATALOG: [Item; 3] = [
    Item {
        name: "pear",
        cents: 120,
    },
    Item {
        name: "plum",
        cents: 80,
    },
    Item {
        name: "quince",
        cents: 310,
    },
];

/// The cart: indexes into the catalog, and their sum.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cart {
    /// The picked items, by catalog index.
    pub picked: Vec<usize>,
    /// The sum of their prices, in cents.
    pub total: u32,
}

impl Cart {
    /// The cart with one more item. An index outside the catalog panics: the bug the
    /// "Add item #7" button ships.
    pub fn with(&self, index: usize) -> Self {
        let mut picked = self.picked.clone();
        picked.push(index);
        Self {
            picked,
            total: self.total + price_of(index),
        }
    }
}

/// The price of the catalog item at `index`.
pub fn price_of(index: usize) -> u32 {
    CATALOG[index].cents // site:yew_price_of
}
