//! The DSN: where a Sentry project takes events, and the key that authenticates them.

use std::fmt;

/// Why a DSN could not be read.
///
/// ```
/// use err::sentry::{Dsn, DsnError};
/// assert_eq!("https://sentry.io/42".parse::<Dsn>(), Err(DsnError::MissingKey));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DsnError {
    /// No `://` after the scheme.
    #[error("the DSN has no scheme (it starts like https://KEY@HOST/PROJECT)")]
    MissingScheme,
    /// A scheme other than `http` or `https`.
    #[error("the DSN's scheme {0:?} is not http or https")]
    BadScheme(String),
    /// No `KEY@` before the host.
    #[error("the DSN has no public key (KEY@ before the host)")]
    MissingKey,
    /// Nothing between `@` and the path.
    #[error("the DSN has no host")]
    MissingHost,
    /// The port is not a number from 1 to 65535.
    #[error("the DSN's port {0:?} is not a port number")]
    BadPort(String),
    /// The last path segment (the project id) is missing or not a number.
    #[error("the DSN's project id {0:?} is not a number")]
    BadProject(String),
}

/// A parsed DSN: `{scheme}://{public_key}[:{secret}]@{host}[:{port}]/{path/}{project_id}`.
///
/// ```
/// use err::sentry::Dsn;
/// let dsn: Dsn = "https://abc123@o1.ingest.sentry.io/4505".parse().unwrap();
/// assert_eq!(dsn.envelope_url(), "https://o1.ingest.sentry.io/api/4505/envelope/");
/// let relay: Dsn = "http://key@127.0.0.1:3000/sentry/7".parse().unwrap();
/// assert_eq!(relay.envelope_url(), "http://127.0.0.1:3000/sentry/api/7/envelope/");
/// assert_eq!(relay.to_string(), "http://key@127.0.0.1:3000/sentry/7");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dsn {
    scheme: String,
    public_key: String,
    secret_key: Option<String>,
    host: String,
    port: Option<u16>,
    path: String,
    project_id: String,
}

impl std::str::FromStr for Dsn {
    type Err = DsnError;

    fn from_str(text: &str) -> Result<Self, DsnError> {
        let text = text.trim();
        let (scheme, rest) = text.split_once("://").ok_or(DsnError::MissingScheme)?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(DsnError::BadScheme(scheme));
        }
        let (auth, rest) = rest.rsplit_once('@').ok_or(DsnError::MissingKey)?;
        let (public_key, secret_key) = match auth.split_once(':') {
            Some((public, secret)) => (public, Some(secret.to_owned())),
            None => (auth, None),
        };
        if public_key.is_empty() {
            return Err(DsnError::MissingKey);
        }
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let (host, port) = match authority.rsplit_once(':') {
            // An IPv6 literal keeps its colons inside brackets.
            Some((host, port)) if !port.contains(']') => {
                let number = port
                    .parse::<u16>()
                    .ok()
                    .filter(|p| *p > 0)
                    .ok_or_else(|| DsnError::BadPort(port.to_owned()))?;
                (host, Some(number))
            }
            _ => (authority, None),
        };
        if host.is_empty() {
            return Err(DsnError::MissingHost);
        }
        let path = path.trim_end_matches('/');
        let (prefix, project_id) = match path.rsplit_once('/') {
            Some((prefix, project)) => (format!("{prefix}/"), project),
            None => (String::new(), path),
        };
        if project_id.is_empty() || !project_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DsnError::BadProject(project_id.to_owned()));
        }
        Ok(Dsn {
            scheme,
            public_key: public_key.to_owned(),
            secret_key,
            host: host.to_owned(),
            port,
            path: prefix,
            project_id: project_id.to_owned(),
        })
    }
}

impl fmt::Display for Dsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme, self.public_key)?;
        if let Some(secret) = &self.secret_key {
            write!(f, ":{secret}")?;
        }
        write!(f, "@{}", self.authority())?;
        write!(f, "/{}{}", self.path, self.project_id)
    }
}

impl Dsn {
    fn authority(&self) -> String {
        match self.port {
            Some(port) => format!("{}:{port}", self.host),
            None => self.host.clone(),
        }
    }

    /// The public key.
    ///
    /// ```
    /// let dsn: err::sentry::Dsn = "https://abc@h/1".parse().unwrap();
    /// assert_eq!(dsn.public_key(), "abc");
    /// ```
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// The project id.
    ///
    /// ```
    /// let dsn: err::sentry::Dsn = "https://abc@h/path/17".parse().unwrap();
    /// assert_eq!(dsn.project_id(), "17");
    /// ```
    pub fn project_id(&self) -> &str {
        &self.project_id
    }

    /// Where envelopes go: `{scheme}://{host}[:{port}]/{path/}api/{project}/envelope/`.
    pub fn envelope_url(&self) -> String {
        format!(
            "{}://{}/{}api/{}/envelope/",
            self.scheme,
            self.authority(),
            self.path,
            self.project_id
        )
    }

    /// The authentication as a query string, as Sentry's browser SDK sends it (no custom
    /// header, so a cross-origin post needs no preflight).
    ///
    /// ```
    /// let dsn: err::sentry::Dsn = "https://abc@h/1".parse().unwrap();
    /// assert_eq!(dsn.auth_query("gufo-err/0.1.0"), "sentry_key=abc&sentry_version=7&sentry_client=gufo-err%2F0.1.0");
    /// ```
    pub fn auth_query(&self, client: &str) -> String {
        let mut query = format!(
            "sentry_key={}&sentry_version=7&sentry_client={}",
            encode(&self.public_key),
            encode(client)
        );
        if let Some(secret) = &self.secret_key {
            query.push_str(&format!("&sentry_secret={}", encode(secret)));
        }
        query
    }

    /// The `X-Sentry-Auth` header, as native SDKs send it.
    ///
    /// ```
    /// let dsn: err::sentry::Dsn = "https://abc@h/1".parse().unwrap();
    /// assert_eq!(dsn.auth_header("gufo-err/0.1.0"), "Sentry sentry_version=7, sentry_client=gufo-err/0.1.0, sentry_key=abc");
    /// ```
    pub fn auth_header(&self, client: &str) -> String {
        let mut header = format!(
            "Sentry sentry_version=7, sentry_client={client}, sentry_key={}",
            self.public_key
        );
        if let Some(secret) = &self.secret_key {
            header.push_str(&format!(", sentry_secret={secret}"));
        }
        header
    }
}

/// Percent-encodes what a query value may not hold as is.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_malformed_part_is_named() {
        let bad = |text: &str| text.parse::<Dsn>().unwrap_err();
        assert_eq!(bad("sentry.io/1"), DsnError::MissingScheme);
        assert_eq!(bad("ftp://k@h/1"), DsnError::BadScheme("ftp".into()));
        assert_eq!(bad("https://@h/1"), DsnError::MissingKey);
        assert_eq!(bad("https://k@/1"), DsnError::MissingHost);
        assert_eq!(bad("https://k@h:0/1"), DsnError::BadPort("0".into()));
        assert_eq!(
            bad("https://k@h:99999/1"),
            DsnError::BadPort("99999".into())
        );
        assert_eq!(bad("https://k@h/"), DsnError::BadProject(String::new()));
        assert_eq!(bad("https://k@h/p/x1"), DsnError::BadProject("x1".into()));
    }

    #[test]
    fn secrets_ports_and_ipv6_hosts_survive() {
        let dsn: Dsn = "https://pub:sec@[::1]:9000/a/b/3/".parse().unwrap();
        assert_eq!(dsn.envelope_url(), "https://[::1]:9000/a/b/api/3/envelope/");
        assert!(dsn.auth_query("c").ends_with("&sentry_secret=sec"));
        assert!(dsn.auth_header("c").ends_with(", sentry_secret=sec"));
        let v6: Dsn = "http://k@[::1]/5".parse().unwrap();
        assert_eq!(v6.envelope_url(), "http://[::1]/api/5/envelope/");
    }
}
