//! The reports the default run keeps from pass one (made from the index's fingerprints)
//! are the ones the library's finder makes: the JSON report of each text file equals
//! `Finder::find` on it, with stutters (the default) and with --runs; one file searched in
//! one pass reports what the two passes report.

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

/// One text file is read and searched once, with no index; with a saved index it takes
/// the two passes (index, then locate). The reports are the same, in every format.
#[test]
fn one_file_in_one_pass_reports_what_the_two_passes_report() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data");
    let scratch = std::env::temp_dir().join(format!("dedupe-one-file-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    for f in FIXTURES {
        let path = dir.join(f).to_str().unwrap().to_owned();
        let index = scratch.join(format!("{f}.idx"));
        let saved = run(&["--save-index", index.to_str().unwrap(), &path], None);
        assert_eq!(saved.status.code(), Some(0), "{f}");
        for flags in [&[][..], &["--json"], &["--json-lines", "--runs"], &["--clean"]] {
            let one = run(&[flags, &[path.as_str()]].concat(), None);
            let indexed = [
                "--use-index",
                index.to_str().unwrap(),
                "--shard",
                "0",
                "--",
                &path,
            ];
            let two = run(&[flags, &indexed[..]].concat(), None);
            assert_eq!(one.status.code(), two.status.code(), "{f} {flags:?}");
            assert!(!one.stdout.is_empty(), "{f} {flags:?}");
            assert_eq!(
                String::from_utf8_lossy(&one.stdout),
                String::from_utf8_lossy(&two.stdout),
                "{f} {flags:?}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
}
