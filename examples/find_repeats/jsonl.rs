//! JSONL lines, read the way this example needs them and no further.
//!
//! A line is checked whole as JSON (RFC 8259, with serde_json's rules where the RFC leaves
//! room: nesting 128 deep is refused in "id", keys and the values of "text" and "id" must not
//! hold a lone surrogate escape, and an "id" holding serde_json's private number key is
//! checked by serde_json itself), its "text" is decoded into a buffer that is reused from
//! line to line, and the places of "text" and "id" in the line are kept, so that `--clean`
//! can write the line back with its text changed and every other byte as it was.
//!
//! One difference on purpose: serde_json would also read a line that is a JSON array
//! (`["text", "id"]`) into the fields in order; a document is an object here, and an array
//! is refused.
//!
//! serde_json did this job before, at about a third of the example's time on a JSONL corpus:
//! it decoded every line twice (once per pass), copied the text into a new `String` per
//! document, and built a map of every field to write a line back. Here a line costs one
//! scan, and no allocation once the buffers have grown. `tests` below hold it to
//! serde_json's verdicts.

use std::ops::Range;

use memchr::memchr2;

/// Where the fields that matter sit in a line, as byte ranges into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields {
    /// The "text" value: its string literal, quotes included.
    pub text: Range<usize>,
    /// The "id" value as written, unless there is none or it is `null`.
    pub id: Option<Range<usize>>,
}

/// Nesting this deep is refused inside "id" (the line's own object is depth 1), as by
/// serde_json, which decodes "id"; the values it only skips may nest without limit.
const MAX_DEPTH: u32 = 128;

/// The end of an escape sequence in the "text" literal: its offset in the decoded text and
/// in the line. Between two escapes, decoded text and literal are the same bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Escape {
    pub decoded: usize,
    pub raw: usize,
}

/// Checks `line` as one JSON object with a "text" string and finds its fields. The decoded
/// text is appended to `text`, and where its escapes end to `escapes`. The error says what
/// is wrong and at which byte (from 1).
pub fn parse(line: &str, text: &mut String, escapes: &mut Vec<Escape>) -> Result<Fields, String> {
    let mut p = Parser {
        s: line,
        b: line.as_bytes(),
        i: 0,
        escapes,
        record: None,
    };
    p.line(text)
        .map_err(|(what, at)| format!("{what} at column {}", at + 1))
}

/// Appends to `out` the parts `kept` (byte ranges of the decoded text, in order) of the
/// "text" literal at `literal` in `line`, as a string literal: the bytes of the line
/// itself, escapes as they were written, found through `escapes` (as [`parse`] gave them).
pub fn write_kept(
    line: &[u8],
    literal: Range<usize>,
    escapes: &[Escape],
    kept: impl Iterator<Item = Range<usize>>,
    out: &mut Vec<u8>,
) {
    let start = Escape {
        decoded: 0,
        raw: literal.start + 1,
    };
    // Where decoded offset `d` is in the line: after the last escape that ends at or
    // before it, bytes are copied one for one. `d` is never inside an escape: the kept
    // parts start and end on characters.
    let mut e = 0;
    let mut raw_of = |d: usize| {
        while e < escapes.len() && escapes[e].decoded <= d {
            e += 1;
        }
        let base = if e == 0 { start } else { escapes[e - 1] };
        base.raw + (d - base.decoded)
    };
    out.push(b'"');
    for part in kept {
        let (a, b) = (raw_of(part.start), raw_of(part.end));
        out.extend_from_slice(&line[a..b]);
    }
    out.push(b'"');
}

/// What went wrong, and the byte where it did.
type Fail = (&'static str, usize);

/// How strictly a string is read: serde_json decodes keys and the values it keeps ("text",
/// "id"), refusing lone surrogate escapes there, and only skips the other values.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strings {
    Skip,
    Check,
}

struct Parser<'a, 'e> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    escapes: &'e mut Vec<Escape>,
    /// While the text is decoded: where it starts in the buffer it is decoded into.
    record: Option<usize>,
}

impl Parser<'_, '_> {
    fn fail<T>(&self, what: &'static str) -> Result<T, Fail> {
        Err((what, self.i))
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8, what: &'static str) -> Result<(), Fail> {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            self.fail(what)
        }
    }

    fn line(&mut self, text: &mut String) -> Result<Fields, Fail> {
        self.ws();
        self.eat(b'{', "expected a JSON object")?;
        self.ws();
        let mut found_text = None;
        let mut id = None;
        let mut seen_id = false;
        let mut key = String::new();
        if self.peek() == Some(b'}') {
            self.i += 1;
        } else {
            loop {
                self.ws();
                if self.peek() != Some(b'"') {
                    return self.fail("expected a key");
                }
                let plain = self.key(&mut key)?;
                let line = self.s;
                let name = match plain {
                    Some(r) => &line[r],
                    None => key.as_str(),
                };
                self.ws();
                self.eat(b':', "expected ':'")?;
                self.ws();
                let start = self.i;
                match name {
                    "text" => {
                        if found_text.is_some() {
                            return Err(("duplicate field \"text\"", start));
                        }
                        if self.peek() != Some(b'"') {
                            return self.fail("\"text\" is not a string");
                        }
                        self.record = Some(text.len());
                        self.string(Some(&mut *text), Strings::Check)?;
                        self.record = None;
                        found_text = Some(start..self.i);
                    }
                    "id" => {
                        if seen_id {
                            return Err(("duplicate field \"id\"", start));
                        }
                        seen_id = true;
                        self.value(Strings::Check)?;
                        let raw = &self.b[start..self.i];
                        // serde_json (with arbitrary_precision, as the example builds it)
                        // reads an object with its private number key as a number, and
                        // refuses it unless it holds one: let it judge such an id.
                        if memchr::memmem::find(raw, b"$serde_json").is_some()
                            && serde_json::from_slice::<serde_json::Value>(raw).is_err()
                        {
                            return Err(("an \"id\" serde_json cannot read", start));
                        }
                        id = (raw != b"null").then_some(start..self.i);
                    }
                    _ => self.value(Strings::Skip)?,
                }
                self.ws();
                match self.peek() {
                    Some(b',') => self.i += 1,
                    Some(b'}') => {
                        self.i += 1;
                        break;
                    }
                    _ => return self.fail("expected ',' or '}'"),
                }
            }
        }
        self.ws();
        if self.i < self.b.len() {
            return self.fail("trailing characters");
        }
        match found_text {
            Some(text) => Ok(Fields { text, id }),
            None => Err(("missing field \"text\"", self.b.len().saturating_sub(1))),
        }
    }

    /// A key, at its opening quote: where its text is when it has no escape, else `None`
    /// and the key decoded into `buf`.
    fn key(&mut self, buf: &mut String) -> Result<Option<Range<usize>>, Fail> {
        let start = self.i + 1;
        let escaped = memchr2(b'"', b'\\', &self.b[start..]).is_some_and(|k| self.b[start + k] == b'\\');
        if escaped {
            buf.clear();
            self.string(Some(buf), Strings::Check)?;
            Ok(None)
        } else {
            self.string(None, Strings::Check)?;
            Ok(Some(start..self.i - 1))
        }
    }

    /// A string literal, at its opening quote; decoded into `out` when one is given.
    fn string(&mut self, mut out: Option<&mut String>, strings: Strings) -> Result<(), Fail> {
        self.i += 1;
        let body = self.i;
        loop {
            // Escapes often come in runs ("\n\n" between paragraphs): the next one is
            // taken without a search.
            let k = match self.peek() {
                Some(b'"' | b'\\') => 0,
                _ => match memchr2(b'"', b'\\', &self.b[self.i..]) {
                    Some(k) => k,
                    None => {
                        self.i = self.b.len();
                        return self.fail("unterminated string");
                    }
                },
            };
            if let Some(out) = out.as_deref_mut() {
                out.push_str(&self.s[self.i..self.i + k]);
            }
            self.i += k;
            if self.b[self.i] == b'"' {
                self.i += 1;
                return self.no_control(body, self.i - 1);
            }
            self.i += 1;
            let Some(e) = self.peek() else {
                return self.fail("unterminated string");
            };
            self.i += 1;
            let decoded = match e {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let unit = self.hex4()?;
                    if strings == Strings::Skip {
                        continue;
                    }
                    match unit {
                        0xD800..=0xDBFF => {
                            if self.b.get(self.i..self.i + 2) != Some(b"\\u") {
                                return self.fail("lone leading surrogate in a hex escape");
                            }
                            self.i += 2;
                            let low = self.hex4()?;
                            if !(0xDC00..=0xDFFF).contains(&low) {
                                return self.fail("lone leading surrogate in a hex escape");
                            }
                            let c = 0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                            char::from_u32(c).expect("a surrogate pair is a scalar value")
                        }
                        0xDC00..=0xDFFF => return self.fail("lone trailing surrogate in a hex escape"),
                        _ => char::from_u32(u32::from(unit)).expect("not a surrogate"),
                    }
                }
                _ => {
                    self.i -= 1;
                    return self.fail("invalid escape");
                }
            };
            if let Some(out) = out.as_deref_mut() {
                out.push(decoded);
                if let Some(base) = self.record {
                    self.escapes.push(Escape {
                        decoded: out.len() - base,
                        raw: self.i,
                    });
                }
            }
        }
    }

    /// Fails at the first control character in `b[from..to]`, the body of a string:
    /// one pass over the whole body once its end is known, by the least byte (vector
    /// minimums), cheaper than a test between every two escapes.
    fn no_control(&mut self, from: usize, to: usize) -> Result<(), Fail> {
        let body = &self.b[from..to];
        if body.iter().fold(u8::MAX, |m, &c| m.min(c)) >= 0x20 {
            return Ok(());
        }
        self.i = from + body.iter().position(|&c| c < 0x20).expect("a byte below 0x20");
        self.fail("control character in a string")
    }

    fn hex4(&mut self) -> Result<u16, Fail> {
        let mut v = 0u16;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return self.fail("invalid hex escape"),
            };
            v = v << 4 | u16::from(d);
            self.i += 1;
        }
        Ok(v)
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<(), Fail> {
        if self.b[self.i..].starts_with(word) {
            self.i += word.len();
            Ok(())
        } else {
            self.fail("expected a value")
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<(), Fail> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.fail("invalid number"),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return self.fail("invalid number");
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return self.fail("invalid number");
            }
        }
        Ok(())
    }

    /// One value of a field, without recursion: `open` holds one bit a level (set for an
    /// object, clear for an array) for the innermost 128 levels, `deeper` the levels
    /// outside those, 128 at a time.
    fn value(&mut self, strings: Strings) -> Result<(), Fail> {
        let mut open: u128 = 0;
        let mut deeper: Vec<u128> = Vec::new();
        let mut depth: u32 = 0;
        loop {
            // A value.
            self.ws();
            match self.peek() {
                Some(b'"') => self.string(None, strings)?,
                Some(c @ (b'{' | b'[')) => {
                    // The line's object is level 1, this one level `depth + 2`.
                    if strings == Strings::Check && depth + 2 >= MAX_DEPTH {
                        return self.fail("recursion limit exceeded");
                    }
                    self.i += 1;
                    let object = c == b'{';
                    if depth > 0 && depth % 128 == 0 {
                        deeper.push(open);
                        open = 0;
                    }
                    open = open << 1 | u128::from(object);
                    depth += 1;
                    self.ws();
                    if self.peek() != Some(if object { b'}' } else { b']' }) {
                        if object {
                            self.member_key(strings)?;
                        }
                        continue;
                    }
                    self.i += 1;
                    close(&mut open, &mut deeper, &mut depth);
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                _ => return self.fail("expected a value"),
            }
            // What follows a value: the end of its containers, or a comma and the next one.
            loop {
                if depth == 0 {
                    return Ok(());
                }
                self.ws();
                let object = open & 1 == 1;
                match (self.peek(), object) {
                    (Some(b','), _) => {
                        self.i += 1;
                        if object {
                            self.ws();
                            self.member_key(strings)?;
                        }
                        break;
                    }
                    (Some(b'}'), true) | (Some(b']'), false) => {
                        self.i += 1;
                        close(&mut open, &mut deeper, &mut depth);
                    }
                    _ => {
                        return self.fail(if object {
                            "expected ',' or '}'"
                        } else {
                            "expected ',' or ']'"
                        })
                    }
                }
            }
        }
    }

    /// A key inside a nested object and its colon. serde_json only skips these, but "id"
    /// is decoded whole, keys included.
    fn member_key(&mut self, strings: Strings) -> Result<(), Fail> {
        if self.peek() != Some(b'"') {
            return self.fail("expected a key");
        }
        self.string(None, strings)?;
        self.ws();
        self.eat(b':', "expected ':'")
    }
}

/// Leaves the innermost open level.
fn close(open: &mut u128, deeper: &mut Vec<u128>, depth: &mut u32) {
    *open >>= 1;
    *depth -= 1;
    if *depth > 0 && *depth % 128 == 0 {
        *open = deeper.pop().expect("saved when this level opened");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Line<'a> {
        #[serde(borrow)]
        text: std::borrow::Cow<'a, str>,
        #[serde(default)]
        id: Option<serde_json::Value>,
    }

    /// Our verdict and serde_json's on one line: the same acceptance, text and id.
    fn agree(line: &str) {
        let mut text = String::new();
        let mut escapes = Vec::new();
        let ours = parse(line, &mut text, &mut escapes);
        if line.trim_start().starts_with('[') {
            // serde_json reads an array into the fields in order; a document must be an
            // object here (see the module's documentation).
            assert!(ours.is_err(), "{line:?}");
            return;
        }
        let theirs: Result<Line, _> = serde_json::from_str(line);
        match (&ours, &theirs) {
            (Ok(f), Ok(l)) => {
                assert_eq!(text, l.text, "text of {line:?}");
                let raw = &line[f.text.clone()];
                assert_eq!(serde_json::from_str::<String>(raw).unwrap(), text);
                // Any parts kept, written from the literal, read back as those parts.
                let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
                for step in [1, 2, 3, 7] {
                    let parts: Vec<Range<usize>> = bounds
                        .chunks(step)
                        .map(|c| c[0]..*c.last().unwrap())
                        .step_by(2)
                        .collect();
                    let mut out = Vec::new();
                    write_kept(
                        line.as_bytes(),
                        f.text.clone(),
                        &escapes,
                        parts.iter().cloned(),
                        &mut out,
                    );
                    let back: String = serde_json::from_slice(&out).unwrap();
                    let want: String = parts.iter().map(|r| &text[r.clone()]).collect();
                    assert_eq!(back, want, "{line:?} {parts:?}");
                }
                let id =
                    f.id.clone()
                        .map(|r| serde_json::from_str::<serde_json::Value>(&line[r]).unwrap());
                assert_eq!(id, l.id, "id of {line:?}");
            }
            (Err(_), Err(_)) => {}
            _ => panic!("{line:?}: ours {ours:?}, serde_json's {:?}", theirs.err()),
        }
    }

    #[test]
    fn agrees_with_serde_json() {
        for line in [
            r#"{"text":"a"}"#,
            r#"{"text":"a","id":1}"#,
            r#"  {"id" : "x-1" , "text" : "hello\nworld" }  "#,
            r#"{"text":"a","id":null}"#,
            r#"{"text":"a","id":{"$serde_json::private::Number":"abc"}}"#,
            r#"{"text":"a","id":{"$serde_json::private::Number":"12"}}"#,
            r#"{"text":"a","id":{"$serde_json::private::Number":12}}"#,
            r#"{"text":"a","id":{"$serde_json::private::Number":"1","b":2}}"#,
            r#"{"text":"a","id":[{"$serde_json::private::Number":"x"}]}"#,
            r#"{"text":"a","x":{"$serde_json::private::Number":"abc"}}"#,
            r#"{"$serde_json::private::Number":"1","text":"a"}"#,
            r#"["a line of text", 1]"#,
            r#"{"text":"tab\there \"q\" \\ \/ \b\f\r \u00e9 \ud83d\ude00"}"#,
            r#"{"te\u0078t":"escaped key"}"#,
            r#"{"text":"a","text":"b"}"#,
            r#"{"text":"a","id":1,"id":2}"#,
            r#"{"text":1}"#,
            r#"{"text":null}"#,
            r#"{"id":1}"#,
            r#"{}"#,
            r#"[]"#,
            r#""text""#,
            r#"{"text":"a"} x"#,
            r#"{"text":"a",}"#,
            r#"{"text":"a" "id":1}"#,
            r#"{"text":"\ud800"}"#,
            r#"{"text":"\udc00"}"#,
            r#"{"text":"\ud800\u0041"}"#,
            r#"{"text":"a","other":"\ud800"}"#,
            r#"{"text":"a","id":"\ud800"}"#,
            r#"{"text":"a","id":{"\ud800":1}}"#,
            r#"{"text":"a","m":{"\ud800":1}}"#,
            r#"{"\ud800":1,"text":"a"}"#,
            r#"{"text":"bad \x escape"}"#,
            r#"{"text":"\u12"}"#,
            r#"{"text":"a","n":01}"#,
            r#"{"text":"a","n":-}"#,
            r#"{"text":"a","n":1.}"#,
            r#"{"text":"a","n":1.5e}"#,
            r#"{"text":"a","n":-0.5E+10}"#,
            r#"{"text":"a","n":3333333333333333333333333333333333333333335}"#,
            r#"{"text":"a","l":[true,false,null,[],{},[1,{"k":[2]}]]}"#,
            r#"{"text":"a","l":[1,]}"#,
            r#"{"text":"a","l":[1 2]}"#,
            r#"{"text":"a","l":{"k" 1}}"#,
            r#"{"text":"a","l":{"k":1,}}"#,
            r#"{"text":"a","l":{1:1}}"#,
            r#"{"text":"a","l":tru}"#,
            r#"{"text":"a","l":nul}"#,
            r#"{"text":"a","l":[}"#,
            r#"{"text":"a","l":{]}"#,
            r#"{"text":"unterminated}"#,
            "{\"text\":\"raw\ncontrol\"}",
            "{\"text\":\"a\"}\r\n",
            "{\"text\":\"a\",\"x\":\"\u{7f}\"}",
            "",
            "   ",
            r#"{"text":"a""#,
            r#"{"text""#,
            r#"{"text":"#,
            r#"{"#,
        ] {
            agree(line);
        }
    }

    #[test]
    fn nesting_limit_is_serde_jsons() {
        // Each as (open, middle, close, after): a level's kind must be told right after
        // 128 more close ("mixed"), and a wrong close found ("wrong").
        let shapes = [
            ("[", "", "]", ""),
            (r#"{"k":"#, "1", "}", ""),
            (r#"[{"k":"#, "1", "}]", r#","after":1"#),
            (r#"[{"k":"#, "1", "]}", ""),
        ];
        for key in ["x", "id"] {
            for depth in (120..=135).chain([255, 256, 257, 300, 1000]) {
                for (open, middle, close, after) in shapes {
                    let (open, close) = (open.repeat(depth), close.repeat(depth));
                    agree(&format!(r#"{{"text":"a","{key}":{open}{middle}{close}{after}}}"#));
                }
            }
        }
    }

    #[test]
    fn agrees_on_every_prefix_and_every_one_byte_change() {
        let line = r#"{"id":{"a":[1,-2.5e3,"\u00e9"]},"text":"x\ny \"z\" \ud83d\ude00","k":[true,null]}"#;
        for end in 0..=line.len() {
            agree(&line[..end]);
        }
        let alphabet = b"{}[]\":,\\ 0-.eu tnfx1";
        for at in 0..line.len() {
            for &c in alphabet {
                let mut b = line.as_bytes().to_vec();
                b[at] = c;
                if let Ok(s) = std::str::from_utf8(&b) {
                    agree(s);
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Lines made of JSON tokens, mostly almost right: the verdicts agree.
        #[test]
        fn agrees_on_token_soup(
            start in proptest::sample::select(vec!["", "{", r#"{"text":"x","#, r#"{"id":"#]),
            tokens in proptest::collection::vec(proptest::sample::select(vec![
                "{", "}", "[", "]", ":", ",", " ", r#""text""#, r#""id""#, r#""k""#,
                r#""a\nb""#, r#""\ud800""#, r#""\ud83d\ude00""#, "1", "-2.5e3", "0.", "01",
                "null", "true", "false", r#"""#, "\\", "\t", "é", r#""$serde_json::private::Number""#,
            ]), 0..24),
        ) {
            agree(&format!("{start}{}", tokens.concat()));
        }
    }
}
