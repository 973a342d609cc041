//! A view is a URL: the list with its filter, or one report, in the location's hash.
//!
//! `#/?q=index&kind=panic&engine=v8&service=shop&sort=count&order=asc` is a filtered list;
//! `#/r/<fingerprint>?…` opens a report over the same list. The page's query string
//! (`?src=…`) says what to load and is left alone, so a link to a view of a shared source
//! reopens the same view.
//!
//! ```
//! use gufo_err_viewer::route::{Route, View};
//! let route = Route::parse("#/r/0053aead-7dfc-59ba-a843-af747a4ba470?q=deep%20rec&kind=panic");
//! assert!(matches!(route.view, View::Report(_)));
//! assert_eq!(route.filter.text, "deep rec");
//! assert_eq!(Route::parse(&route.to_hash()), route);
//! ```

use uuid::Uuid;

use crate::catalog::{Filter, Sort};

/// Which view is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The list.
    #[default]
    List,
    /// One report, over the list.
    Report(Uuid),
}

/// The view and the list's filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    /// Which view.
    pub view: View,
    /// The list's filter and order.
    pub filter: Filter,
}

impl Route {
    /// Reads a location hash (`#/…`); anything unknown falls back to the default.
    ///
    /// ```
    /// use gufo_err_viewer::route::Route;
    /// assert_eq!(Route::parse(""), Route::default());
    /// assert_eq!(Route::parse("#/r/not-a-uuid?kind=bogus"), Route::default());
    /// ```
    pub fn parse(hash: &str) -> Route {
        let hash = hash.trim_start_matches('#');
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let view = path
            .trim_start_matches('/')
            .strip_prefix("r/")
            .and_then(|id| Uuid::parse_str(id).ok())
            .map_or(View::List, View::Report);
        let mut filter = Filter::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                "q" => filter.text = value.into_owned(),
                "kind" => filter.kind = value.parse().ok(),
                "engine" => filter.engine = value.parse().ok(),
                "service" => filter.service = Some(value.into_owned()).filter(|s| !s.is_empty()),
                "sort" => filter.sort = value.parse().unwrap_or_default(),
                "order" => filter.ascending = value == "asc",
                _ => {}
            }
        }
        Route { view, filter }
    }

    /// The hash for this route (`#/` for the default).
    ///
    /// ```
    /// use gufo_err_viewer::route::Route;
    /// assert_eq!(Route::default().to_hash(), "#/");
    /// ```
    pub fn to_hash(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        let f = &self.filter;
        if !f.text.is_empty() {
            query.append_pair("q", &f.text);
        }
        if let Some(kind) = f.kind {
            query.append_pair("kind", kind.as_str());
        }
        if let Some(engine) = f.engine {
            query.append_pair("engine", engine.as_str());
        }
        if let Some(service) = &f.service {
            query.append_pair("service", service);
        }
        if f.sort != Sort::default() {
            query.append_pair("sort", f.sort.as_str());
        }
        if f.ascending {
            query.append_pair("order", "asc");
        }
        let query = query.finish();
        let path = match self.view {
            View::List => String::from("#/"),
            View::Report(id) => format!("#/r/{id}"),
        };
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    }

    /// The same route showing the list.
    ///
    /// ```
    /// use gufo_err_viewer::route::{Route, View};
    /// let r = Route::parse("#/r/0053aead-7dfc-59ba-a843-af747a4ba470?q=x");
    /// assert_eq!(r.list().to_hash(), "#/?q=x");
    /// ```
    pub fn list(&self) -> Route {
        Route {
            view: View::List,
            filter: self.filter.clone(),
        }
    }

    /// The same route showing a report.
    pub fn report(&self, fingerprint: Uuid) -> Route {
        Route {
            view: View::Report(fingerprint),
            filter: self.filter.clone(),
        }
    }
}

/// The `src` parameters of a page's query string (`?src=a.json&src=b.json`), empty ones
/// left out.
///
/// ```
/// use gufo_err_viewer::route::sources_in_query;
/// assert_eq!(sources_in_query("?src=%2Fa.json&x=1&src=&src=b"), ["/a.json", "b"]);
/// ```
pub fn sources_in_query(search: &str) -> Vec<String> {
    form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
        .filter(|(k, _)| k == "src")
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use err::model::{Engine, Kind};

    #[test]
    fn every_field_survives_a_round_trip() {
        let route = Route {
            view: View::Report(Uuid::from_u128(7)),
            filter: Filter {
                text: "a&b=c #d".into(),
                kind: Some(Kind::StackOverflow),
                engine: Some(Engine::SpiderMonkey),
                service: Some("shop/ui".into()),
                sort: Sort::Count,
                ascending: true,
            },
        };
        let hash = route.to_hash();
        assert!(!hash[1..].contains('#'), "{hash}");
        assert_eq!(Route::parse(&hash), route);
    }
}
