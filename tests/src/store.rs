//! Reading the browser store (the origin's IndexedDB) from a page under test.

/// A WebDriver async script: every record of the page's store as
/// `{fingerprint, count, report, secondary: [{kind, message}]}`, or `{error}`.
pub const READ_STORE: &str = r#"
const done = arguments[arguments.length - 1];
const open = indexedDB.open("gufo-err", 1);
open.onupgradeneeded = () => open.result.createObjectStore("reports", { keyPath: "fingerprint" }).createIndex("last_seen", "last_seen");
open.onerror = () => done({ error: String(open.error) });
open.onsuccess = () => {
  const db = open.result;
  const all = db.transaction("reports").objectStore("reports").getAll();
  all.onsuccess = () => {
    db.close();
    done(all.result.map((r) => ({
      fingerprint: r.fingerprint,
      count: r.count,
      report: r.report,
      secondary: (r.secondary || []).map((s) => ({ kind: s.kind, message: s.message })),
    })));
  };
  all.onerror = () => done({ error: String(all.error) });
};
"#;

/// A WebDriver async script: empties the origin's localStorage, sessionStorage and the
/// `gufo-err` database; `true`, or why not.
pub const CLEAR_STORE: &str = r#"
const done = arguments[arguments.length - 1];
localStorage.clear();
sessionStorage.clear();
const request = indexedDB.deleteDatabase("gufo-err");
request.onsuccess = () => done(true);
request.onerror = () => done(String(request.error));
request.onblocked = () => done("blocked");
"#;
