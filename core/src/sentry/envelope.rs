//! The envelope: Sentry's wire format, a JSON header line, then items with their own
//! header lines.

use super::dsn::Dsn;
use super::event::SDK;

/// An envelope holding one event (its JSON), as Sentry's SDKs send it.
pub(crate) fn envelope(event_id: &str, dsn: &Dsn, sent_at: &str, event: &[u8]) -> String {
    let header = serde_json::json!({
        "event_id": event_id,
        "dsn": dsn.to_string(),
        "sent_at": sent_at,
        "sdk": {"name": SDK.name, "version": SDK.version},
    });
    let item = serde_json::json!({
        "type": "event",
        "length": event.len(),
        "content_type": "application/json",
    });
    format!("{header}\n{item}\n{}\n", String::from_utf8_lossy(event))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_item_header_gives_the_payload_length_in_bytes() {
        let dsn: Dsn = "https://k@h/1".parse().unwrap();
        let payload = "{\"message\":\"é\"}".as_bytes();
        let text = envelope("ab", &dsn, "2026-11-30T00:00:00Z", payload);
        let lines: Vec<&str> = text.lines().collect();
        let item: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(item["length"], payload.len());
        assert_eq!(lines[2].as_bytes(), payload);
        let header: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(header["dsn"], "https://k@h/1");
    }
}
