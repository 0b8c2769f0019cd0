//! The reports the default run keeps from pass one (made from the index's fingerprints)
//! are the ones the library's finder makes: the JSON report of each text file equals
//! `Finder::find` on it, with stutters (the default) and with --runs.

mod common;
use common::run;

const FIXTURES: [&str; 6] = [
    "binutils-copyright.txt",
    "boost-copyright-excerpt.txt",
    "doubled-article.txt",
    "krb5-copyright.txt",
    "man-pages-stutters.txt",
    "openssl-man-tails.txt",
];

fn check(flags: &[&str], finder: &dedupe::Finder) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data");
    let paths: Vec<String> = FIXTURES
        .iter()
        .map(|f| dir.join(f).to_str().unwrap().to_owned())
        .collect();
    let mut args: Vec<&str> = flags.to_vec();
    args.push("--json");
    args.extend(paths.iter().map(String::as_str));
    let out = run(&args, None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (k, p) in paths.iter().enumerate() {
        let text = std::fs::read_to_string(p).unwrap();
        let mut want = serde_json::to_value(finder.find(&text)).unwrap();
        let mut got = v["documents"][k]["report"].clone();
        // The command adds each finding's text, and numbers documents in the corpus.
        strip(&mut got);
        strip(&mut want);
        assert!(
            want["groups"].as_array().unwrap().len() + want["inner"].as_array().unwrap().len() > 0 || k > 0
        );
        assert_eq!(got, want, "{p} {flags:?}");
    }
}

/// Drops the "text" and "doc" fields, at any depth.
fn strip(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            m.remove("text");
            m.remove("doc");
            m.values_mut().for_each(strip);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

#[test]
fn default_reports_equal_find_with_stutters() {
    let finder = dedupe::FinderBuilder::new().stutters(true).build().unwrap();
    check(&[], &finder);
}

#[test]
fn runs_reports_equal_find_with_runs() {
    let mut b = dedupe::FinderBuilder::new();
    b.stutters(true).runs(true);
    check(&["--runs"], &b.build().unwrap());
}
