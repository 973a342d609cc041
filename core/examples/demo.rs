//! A small program that panics deep in its own code, to show a report natively:
//! `cargo run -p gufo-err --example demo`. The report is printed in the extend format (with
//! source context read from disk) and stored in `$TMPDIR/gufo-err-demo/`.

use err::format::Format;
use err::middleware::DirStore;

mod shop {
    pub mod cart {
        /// Sums the prices of the given item indices.
        pub fn total(prices: &[u32], picked: &[usize]) -> u32 {
            picked.iter().map(|&i| price_of(prices, i)).sum()
        }

        fn price_of(prices: &[u32], index: usize) -> u32 {
            prices[index]
        }
    }
}

fn main() {
    let dir = std::env::temp_dir().join("gufo-err-demo");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("demo: cannot create {}: {e}", dir.display());
        std::process::exit(2);
    }
    let store = match DirStore::new(&dir) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("demo: {e}");
            std::process::exit(2);
        }
    };
    err::Config::new()
        .name("demo")
        .version(env!("CARGO_PKG_VERSION"))
        .root_module("demo")
        .format(Format::Extend)
        .middleware(store)
        .install();
    eprintln!("demo: reports are stored in {}", dir.display());
    let prices = [120, 80, 45];
    let total = shop::cart::total(&prices, &[0, 2, 7]);
    println!("total: {total}");
}
