//! The wasm binary encodings every reader here needs: unsigned LEB128 numbers and byte
//! vectors, read with bounds (a truncated input is an error, never a panic) and written.

/// The input ends in the middle of a field that starts at this byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Truncated(pub usize);

/// A bounded reader over a wasm binary encoding.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// Reads `bytes` from the start.
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self::from(bytes, 0)
    }

    /// Reads `bytes` from byte `at`.
    pub(crate) fn from(bytes: &'a [u8], at: usize) -> Self {
        Self { bytes, at }
    }

    /// Where the next read starts.
    pub(crate) fn position(&self) -> usize {
        self.at
    }

    /// Whether everything has been read.
    pub(crate) fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    /// One byte.
    pub(crate) fn byte(&mut self) -> Result<u8, Truncated> {
        let b = *self.bytes.get(self.at).ok_or(Truncated(self.at))?;
        self.at += 1;
        Ok(b)
    }

    /// An unsigned LEB128 of at most 5 bytes.
    pub(crate) fn u32(&mut self) -> Result<u32, Truncated> {
        let mut value: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            value |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(Truncated(self.at))
    }

    /// A length (an unsigned LEB128).
    pub(crate) fn length(&mut self) -> Result<usize, Truncated> {
        usize::try_from(self.u32()?).map_err(|_| Truncated(self.at))
    }

    /// The next `len` bytes.
    pub(crate) fn take(&mut self, len: usize) -> Result<&'a [u8], Truncated> {
        let end = self
            .at
            .checked_add(len)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(Truncated(self.at))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }
}

/// `value` as an unsigned LEB128.
pub(crate) fn encode(mut value: usize) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_truncation_is_an_error() {
        for value in [0, 1, 127, 128, 300, 1 << 20, u32::MAX as usize] {
            let bytes = encode(value);
            assert_eq!(Reader::new(&bytes).length(), Ok(value));
        }
        assert_eq!(Reader::new(&[0x80, 0x80]).u32(), Err(Truncated(2)));
        let mut reader = Reader::new(&[2, 9]);
        let len = reader.length().unwrap();
        assert_eq!(reader.take(len), Err(Truncated(1)));
    }
}
