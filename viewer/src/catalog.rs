//! Every report loaded, grouped by fingerprint, and the queries the list runs on them.
//!
//! A group sums the counts of its occurrences and keeps the earliest first-seen and the
//! latest last-seen time. Loading the same source again replaces its occurrences instead of
//! counting them twice. Each group keeps a lower-case search text, so a filter keystroke is
//! one pass of `contains` over the groups.
//!
//! ```
//! use gufo_err_viewer::catalog::{Catalog, Filter};
//! use gufo_err_viewer::ingest::open;
//! let mut catalog = Catalog::default();
//! let text = b"TypeError: x is undefined\n    at f (http://x/a.js:1:2)".to_vec();
//! catalog.extend(open("paste", text, None).unwrap().next_chunk(10).entries);
//! let filter = Filter { text: "undefined".into(), ..Filter::default() };
//! assert_eq!(catalog.query(&filter).len(), 1);
//! ```

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use err::codec::Summary;
use err::model::{Engine, Kind};
use uuid::Uuid;

use crate::ingest::{Body, Entry};

/// One report from one source.
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// The source it came from.
    pub origin: Rc<str>,
    /// Where its full text is.
    pub body: Body,
    /// Its own summary.
    pub summary: Summary,
}

/// How many occurrences a group's sources hold together: every distinct event id once (the
/// browser store and a collector keep the same occurrence under one id), plus what each
/// source counted beyond the ids it keeps, plus the counts of sources that keep no ids.
///
/// ```
/// use err::codec::Summary;
/// use gufo_err_viewer::catalog::occurrences_counted;
/// let mut store = Summary::from(&err::model::ErrorInfo::new(err::model::Kind::Panic, "panic", "x"));
/// store.events = vec!["a".into()];
/// let collector = store.clone();
/// let mut file = store.clone();
/// file.events.clear();
/// assert_eq!(occurrences_counted([&store, &collector]), 1);
/// assert_eq!(occurrences_counted([&store, &collector, &file]), 2);
/// ```
pub fn occurrences_counted<'a>(summaries: impl IntoIterator<Item = &'a Summary>) -> u64 {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    let mut beyond = 0u64;
    for summary in summaries {
        ids.extend(summary.events.iter().map(String::as_str));
        let known = summary.events.len() as u64;
        beyond = beyond.saturating_add(summary.count.saturating_sub(known));
    }
    (ids.len() as u64).saturating_add(beyond)
}

/// All occurrences of one fingerprint.
#[derive(Debug, Clone)]
pub struct Group {
    /// The merged summary: counts summed, earliest first-seen, latest last-seen.
    pub summary: Summary,
    /// The occurrences, one a source, in loading order.
    pub occurrences: Vec<Occurrence>,
    haystack: String,
}

impl Group {
    fn new(entry: Entry) -> Self {
        let mut group = Self {
            summary: entry.summary.clone(),
            occurrences: vec![Occurrence {
                origin: entry.origin,
                body: entry.body,
                summary: entry.summary,
            }],
            haystack: String::new(),
        };
        group.merge();
        group
    }

    fn add(&mut self, entry: Entry) {
        let occurrence = Occurrence {
            origin: entry.origin,
            body: entry.body,
            summary: entry.summary,
        };
        match self
            .occurrences
            .iter_mut()
            .find(|o| o.origin == occurrence.origin)
        {
            Some(same_source) => *same_source = occurrence,
            None => self.occurrences.push(occurrence),
        }
        self.merge();
    }

    fn merge(&mut self) {
        let Some(first) = self.occurrences.first() else {
            return;
        };
        let mut merged = first.summary.clone();
        merged.count = occurrences_counted(self.occurrences.iter().map(|o| &o.summary));
        merged.timestamp = self
            .occurrences
            .iter()
            .filter_map(|o| o.summary.timestamp)
            .min();
        merged.last_seen = self
            .occurrences
            .iter()
            .filter_map(|o| o.summary.last_seen.or(o.summary.timestamp))
            .max();
        let s = &merged;
        self.haystack = [
            s.class.as_str(),
            s.message.as_str(),
            s.place.as_str(),
            s.name.as_str(),
            s.version.as_str(),
            s.kind.as_str(),
            s.engine.map_or("", Engine::as_str),
            &s.fingerprint.to_string(),
        ]
        .join("\n")
        .to_lowercase();
        self.summary = merged;
    }

    fn matches(&self, filter: &Filter, terms: &[String]) -> bool {
        filter.kind.is_none_or(|k| self.summary.kind == k)
            && filter.engine.is_none_or(|e| self.summary.engine == Some(e))
            && filter
                .service
                .as_deref()
                .is_none_or(|s| self.summary.name == s)
            && terms.iter().all(|t| self.haystack.contains(t.as_str()))
    }
}

/// What the list is sorted by.
///
/// ```
/// use gufo_err_viewer::catalog::Sort;
/// assert_eq!("count".parse::<Sort>(), Ok(Sort::Count));
/// assert_eq!(Sort::LastSeen.as_str(), "last-seen");
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumMessage,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Sort {
    /// Most recently seen first (the default).
    #[default]
    #[strum(message = "Last seen")]
    LastSeen,
    /// By first seen.
    #[strum(message = "First seen")]
    FirstSeen,
    /// By how many times it was seen.
    #[strum(message = "Count")]
    Count,
    /// By kind.
    #[strum(message = "Kind")]
    Kind,
    /// By service name and version.
    #[strum(message = "Service")]
    Service,
    /// By exception and message.
    #[strum(message = "Message")]
    Message,
}

impl Sort {
    /// Every sort, in menu order.
    pub const ALL: &'static [Sort] = <Sort as strum::VariantArray>::VARIANTS;

    /// The name used in URLs.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The label shown in the menu.
    ///
    /// ```
    /// assert_eq!(gufo_err_viewer::catalog::Sort::Count.label(), "Count");
    /// ```
    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_default()
    }
}

impl std::str::FromStr for Sort {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        err::model::parse_name(s, "sort")
    }
}

/// What the list shows: a text filter (all words must match, any case), kind, engine and
/// service filters, and the order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Words to find in the class, message, place, service, version, kind, engine or
    /// fingerprint.
    pub text: String,
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Only this engine.
    pub engine: Option<Engine>,
    /// Only this service.
    pub service: Option<String>,
    /// The order.
    pub sort: Sort,
    /// Smallest first instead of largest (or A to Z for names).
    pub ascending: bool,
}

/// The groups, in loading order, with an index by fingerprint.
#[derive(Debug, Default)]
pub struct Catalog {
    groups: Vec<Group>,
    index: HashMap<Uuid, usize>,
}

impl Catalog {
    /// Adds a report to its group (a new one for a new fingerprint).
    pub fn add(&mut self, entry: Entry) {
        match self.index.get(&entry.summary.fingerprint) {
            Some(&i) => self.groups[i].add(entry),
            None => {
                self.index
                    .insert(entry.summary.fingerprint, self.groups.len());
                self.groups.push(Group::new(entry));
            }
        }
    }

    /// Adds many reports.
    pub fn extend(&mut self, entries: impl IntoIterator<Item = Entry>) {
        for entry in entries {
            self.add(entry);
        }
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.groups.clear();
        self.index.clear();
    }

    /// How many groups there are.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The group at `index` (as [`Catalog::query`] returns them).
    pub fn get(&self, index: usize) -> Option<&Group> {
        self.groups.get(index)
    }

    /// The group of a fingerprint.
    pub fn find(&self, fingerprint: &Uuid) -> Option<&Group> {
        self.index
            .get(fingerprint)
            .and_then(|&i| self.groups.get(i))
    }

    /// The indexes of the groups the filter keeps, in its order (ties by fingerprint).
    pub fn query(&self, filter: &Filter) -> Vec<usize> {
        let terms: Vec<String> = filter
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let mut hits: Vec<usize> = (0..self.groups.len())
            .filter(|&i| self.groups[i].matches(filter, &terms))
            .collect();
        let key = |i: &usize| &self.groups[*i].summary;
        hits.sort_by(|a, b| {
            let (x, y) = (key(a), key(b));
            let natural = match filter.sort {
                Sort::LastSeen => x.last_seen.cmp(&y.last_seen).reverse(),
                Sort::FirstSeen => x.timestamp.cmp(&y.timestamp).reverse(),
                Sort::Count => x.count.cmp(&y.count).reverse(),
                Sort::Kind => x.kind.cmp(&y.kind),
                Sort::Service => (&x.name, &x.version).cmp(&(&y.name, &y.version)),
                Sort::Message => (&x.class, &x.message).cmp(&(&y.class, &y.message)),
            };
            // Times and counts read largest first; names A to Z; `ascending` flips both.
            let ordered = if filter.ascending {
                natural.reverse()
            } else {
                natural
            };
            ordered.then_with(|| x.fingerprint.cmp(&y.fingerprint))
        });
        hits
    }

    /// The services seen, for the service filter.
    pub fn services(&self) -> BTreeSet<&str> {
        self.groups
            .iter()
            .map(|g| g.summary.name.as_str())
            .collect()
    }

    /// The engines seen, for the engine filter.
    pub fn engines(&self) -> BTreeSet<Engine> {
        self.groups
            .iter()
            .filter_map(|g| g.summary.engine)
            .collect()
    }

    /// The kinds seen, for the kind filter.
    pub fn kinds(&self) -> BTreeSet<Kind> {
        self.groups.iter().map(|g| g.summary.kind).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use err::model::{ErrorInfo, Timestamp};

    fn entry(origin: &str, id: u128, message: &str, count: u64, seen: i64) -> Entry {
        let mut info = ErrorInfo::new(Kind::Panic, "panic", message);
        info.fingerprint = Uuid::from_u128(id);
        info.count = count;
        info.timestamp = Some(Timestamp::from_unix_millis(seen));
        info.name = format!("svc{}", id % 2);
        Entry {
            summary: Summary::from(&info),
            body: Body::Remote(String::new()),
            origin: Rc::from(origin),
        }
    }

    #[test]
    fn same_fingerprint_from_two_sources_is_one_group_with_summed_counts() {
        let mut c = Catalog::default();
        c.add(entry("a.json", 1, "boom", 2, 1_000));
        c.add(entry("b.json", 1, "boom", 3, 5_000));
        assert_eq!(c.len(), 1);
        let g = c.get(0).unwrap();
        assert_eq!(g.summary.count, 5);
        assert_eq!(g.summary.timestamp.unwrap().unix_millis(), 1_000);
        assert_eq!(g.summary.last_seen.unwrap().unix_millis(), 5_000);
    }

    #[test]
    fn loading_a_source_again_does_not_count_twice() {
        let mut c = Catalog::default();
        c.add(entry("a.json", 1, "boom", 2, 1_000));
        c.add(entry("a.json", 1, "boom", 2, 1_000));
        assert_eq!(c.get(0).unwrap().summary.count, 2);
        assert_eq!(c.get(0).unwrap().occurrences.len(), 1);
    }

    #[test]
    fn an_occurrence_in_the_store_and_the_collector_counts_once_and_files_add_up() {
        let mut c = Catalog::default();
        let with_events = |origin: &str, count, events: &[&str]| {
            let mut e = entry(origin, 1, "boom", count, 1_000);
            e.summary.events = events.iter().map(|s| s.to_string()).collect();
            e
        };
        c.add(with_events("browser store", 2, &["e1", "e2"]));
        c.add(with_events("/api/v1/errors", 1, &["e2"]));
        assert_eq!(c.get(0).unwrap().summary.count, 2, "e2 is one occurrence");
        // A source without ids (a file) adds its count.
        c.add(entry("old.json", 1, "boom", 3, 1_000));
        assert_eq!(c.get(0).unwrap().summary.count, 5);
        assert_eq!(c.get(0).unwrap().occurrences.len(), 3);
    }

    #[test]
    fn filter_words_all_match_in_any_case_and_sorts_order() {
        let mut c = Catalog::default();
        c.add(entry("x", 1, "Index out of bounds", 1, 3_000));
        c.add(entry("x", 2, "called unwrap on None", 9, 1_000));
        c.add(entry("x", 3, "index too deep", 4, 2_000));
        let f = |text: &str, sort: Sort, ascending: bool| Filter {
            text: text.into(),
            sort,
            ascending,
            ..Filter::default()
        };
        assert_eq!(c.query(&f("INDEX", Sort::LastSeen, false)), [0, 2]);
        assert_eq!(c.query(&f("index bounds", Sort::LastSeen, false)), [0]);
        assert_eq!(c.query(&f("", Sort::Count, false)), [1, 2, 0]);
        assert_eq!(c.query(&f("", Sort::Count, true)), [0, 2, 1]);
        // Byte order: capitals first.
        assert_eq!(c.query(&f("", Sort::Message, false)), [0, 1, 2]);
        let by_service = Filter {
            service: Some("svc1".into()),
            ..Filter::default()
        };
        assert_eq!(c.query(&by_service), [0, 2]);
        let fp = Uuid::from_u128(2).to_string();
        assert_eq!(c.query(&f(&fp, Sort::LastSeen, false)), [1]);
    }
}
