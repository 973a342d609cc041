//! Who a report is about: the service, its version, its own crates and its build.

/// The identity of an application in its reports: fingerprint parts 1 and 2 (name and
/// version), the root crates that make frames in-app, and the build id. [`crate::Config`]
/// and the relay hook (`err::browser::Relay`) both keep one, and the npm engine reads the
/// one a relay module sends, so that both builds of an app fingerprint a panic alike.
///
/// ```
/// use err::model::Identity;
/// let id = Identity::default().name("shop").version("1.4.2").root_module("shop-ui");
/// assert_eq!((id.name.as_str(), id.version.as_str()), ("shop", "1.4.2"));
/// assert_eq!(id.roots, ["shop-ui"]);
/// assert_eq!(Identity::default().name, "unknown");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Identity {
    /// The service name (fingerprint part 1); `unknown` by default.
    pub name: String,
    /// The service version (fingerprint part 2); `unknown` by default.
    pub version: String,
    /// The application's root crates; none means every crate but the known libraries.
    #[serde(default)]
    pub roots: Vec<String>,
    /// The build id reports carry; none means the module's `build_id` section, else its URL.
    #[serde(default, rename = "buildId", deserialize_with = "empty_is_none")]
    pub build_id: Option<String>,
}

impl Default for Identity {
    fn default() -> Self {
        Self {
            name: String::from("unknown"),
            version: String::from("unknown"),
            roots: Vec::new(),
            build_id: None,
        }
    }
}

impl Identity {
    /// Sets the service name.
    ///
    /// ```
    /// assert_eq!(err::model::Identity::default().name("shop").name, "shop");
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Sets the service version.
    ///
    /// ```
    /// assert_eq!(err::model::Identity::default().version("2").version, "2");
    /// ```
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    /// Adds a root crate.
    ///
    /// ```
    /// assert_eq!(err::model::Identity::default().root_module("a").root_module("b").roots, ["a", "b"]);
    /// ```
    pub fn root_module(mut self, root: impl Into<String>) -> Self {
        self.roots.push(root.into());
        self
    }

    /// Sets the build id.
    ///
    /// ```
    /// assert_eq!(err::model::Identity::default().build_id("9f2c").build_id.as_deref(), Some("9f2c"));
    /// ```
    pub fn build_id(mut self, build_id: impl Into<String>) -> Self {
        self.build_id = Some(build_id.into());
        self
    }
}

fn empty_is_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text: Option<String> = serde::Deserialize::deserialize(d)?;
    Ok(text.filter(|t| !t.is_empty()))
}
