import pickle

import pytest

import dedupe_text as dt


def test_seed_article_one_block_in_bytes_and_chars(seed_article):
    report = dt.find_repeats(seed_article)
    assert len(report.blocks) == 1
    first, second = report.blocks[0].occurrences
    assert (first.start, first.end, second.start, second.end) == (126, 3161, 3162, 6197)
    raw = seed_article.encode("utf-8")
    for o in (first, second):
        # The code point offsets are the byte offsets counted in characters.
        assert o.char_start == len(raw[: o.start].decode("utf-8"))
        assert o.char_end == len(raw[: o.end].decode("utf-8"))
        assert seed_article[o.char_start : o.char_end] == raw[o.start : o.end].decode("utf-8")
        assert o.text(seed_article) == seed_article[o.char_start : o.char_end]
    assert (first.line, first.end_line, second.line, second.end_line) == (2, 12, 13, 23)
    assert first.char_start != first.start, "the article has non-ASCII text before the block"
    repaired = dt.repair(seed_article)
    assert repaired == report.repair(seed_article)
    assert dt.find_repeats(repaired).blocks == []


def test_offsets_of_every_kind_match_the_text():
    text = (
        "Caf\u00e9 cr\u00e8me \u2014 the first line repeats\n"
        "\u65e5\u672c\u8a9e the the the stutter here in this line of words\n"
        "Caf\u00e9 cr\u00e8me \u2014 the first line repeats\n"
    )
    f = dt.Finder(inner=True)
    report = f.find(text)
    raw = text.encode("utf-8")
    occs = [o for g in report.groups for o in g.occurrences]
    occs += [o for r in report.inner for o in r.occurrences]
    assert report.stutters and all(r.kind == "stutter" for r in report.stutters)
    assert len(occs) >= 3
    for o in occs:
        assert text[o.char_start : o.char_end] == raw[o.start : o.end].decode("utf-8")
        assert o.line == text[: o.char_start].count("\n") + 1
    for (s, e), (cs, ce) in zip(report.removals, report.char_removals):
        assert text[cs:ce] == raw[s:e].decode("utf-8")
    assert report.repair(text) == text[: report.char_removals[0][0]] + text[report.char_removals[0][1] :]


def test_near_duplicates():
    a = "the committee met on tuesday to discuss the budget for the coming year and agreed to raise the funding for public libraries by ten percent"
    b = a.replace("ten", "twelve")
    report = dt.Finder(near=True, unit="paragraph").find(f"{a}\n\nsomething else entirely, a paragraph\n\n{b}\n")
    assert len(report.near) == 1
    (i, j, jac), = report.near[0].pairs
    assert (i, j) == (0, 1) and 0.8 <= jac < 1.0


def test_finder_settings_and_errors():
    f = dt.Finder(unit="line", normalize="whitespace", fold_case=True, min_bytes=5)
    assert f.find("Hello World\nhello   world\n").groups
    assert pickle.loads(pickle.dumps(dt.Finder(threads=1))).settings()["threads"] == 1
    assert dt.Finder(**f.settings()) == f
    with pytest.raises(dt.DedupeError, match="min_bytes must be at least 1"):
        dt.Finder(min_bytes=0)
    with pytest.raises(ValueError, match="unit must be"):
        dt.Finder(unit="sentence")
    report = dt.find_repeats("a doubled line, long enough\na doubled line, long enough")
    with pytest.raises(dt.DedupeError, match="bytes"):
        report.repair("another text")
    assert issubclass(dt.DedupeError, ValueError)


def test_units_and_fingerprints_agree():
    f = dt.Finder()
    text = "A line long enough to count\nshort\n\u00e9 A line long enough to count"
    units = f.units(text)
    assert [u.unit for u in units] == [0, 1, 2]
    prints = f.unit_fingerprints(text)
    assert [u for u, _ in prints] == [u.unit for u in units if f.counts(u.text(text))]
    assert f.normalize("  \u201cQuoted\u201d\u00a0 text ") == '"Quoted" text'
    cuts = f.cuts_for_units(text, [1])
    assert cuts == [(28, 34)]


def test_finder_and_index_pickle():
    f = dt.Finder(min_bytes=7, hash_seed=42, inner=True)
    g = pickle.loads(pickle.dumps(f))
    assert g == f and g.settings() == f.settings()
    assert pickle.loads(pickle.dumps(dt.Finder())) == dt.Finder()
    docs = ["Subscribe to our newsletter today!\nStory one.", "Story two.\nSubscribe to our newsletter today!"]
    index = dt.CorpusIndex(f)
    index.add(docs)
    copy = pickle.loads(pickle.dumps(index))
    assert (copy.documents, copy.units) == (index.documents, index.units)
    assert copy.finder == f
    assert copy.resolve().groups == index.resolve().groups == [[(0, 0, 0), (1, 1, 1)]]


def test_corpus_index_shards_save_load_merge(tmp_path):
    docs = [
        "Header line of the site\nFooter line of the site\nStory one, all its own",
        "Story two, all its own\nHeader line of the site\nFooter line of the site",
        "Header line of the site\nFooter line of the site",
        "Caf\u00e9 story, all its own\nHeader line of the site\nFooter line of the site",
    ]
    whole = dt.CorpusIndex()
    reports = whole.add(docs)
    assert [r.groups for r in reports][0] == []
    a, b = dt.CorpusIndex(), dt.CorpusIndex()
    a.index(docs[:2])
    b.index(docs[2:])
    b.save(tmp_path / "b.index")
    b2 = dt.CorpusIndex.load(tmp_path / "b.index")
    assert dt.CorpusIndex.from_bytes(b.to_bytes()).to_bytes() == b2.to_bytes() == b.to_bytes()
    a.merge(b2)
    # The merged index finds what the whole one finds (its saved form differs only in the
    # print of the documents it was built from: a merged index has one no input has).
    assert (a.documents, a.units) == (whole.documents, whole.units)
    assert a.resolve().groups == whole.resolve().groups
    assert [blk.runs for blk in a.resolve().blocks] == [blk.runs for blk in whole.resolve().blocks]
    repeats = a.resolve()
    assert [blk.runs for blk in repeats.blocks] == [[(0, 0, 1), (1, 1, 2), (2, 0, 1), (3, 1, 2)]]
    assert repeats.duplicate_documents == []
    found = repeats.locate(3, docs[3])
    assert found.blocks[0].of == 0
    occ = found.blocks[0].occurrence
    assert docs[3][occ.char_start : occ.char_end] == "Header line of the site\nFooter line of the site"
    assert occ.char_start == occ.start - 1  # one two-byte character before it
    assert repeats.repair(3, docs[3]) == found.repair(docs[3]) == "Caf\u00e9 story, all its own"
    assert repeats.is_repeat(1, 1) and not repeats.is_repeat(0, 0)
    assert [repeats.removed_units(d) for d in range(4)] == [0, 2, 2, 2]
    assert repeats.involves(0)
    with pytest.raises(dt.DedupeError, match="no document 9"):
        repeats.locate(9, "")
    other = dt.CorpusIndex(dt.Finder(min_bytes=3))
    with pytest.raises(dt.DedupeError, match="different settings"):
        a.merge(other)
    with pytest.raises(OSError):
        dt.CorpusIndex.load(tmp_path / "missing.index")
    with pytest.raises(dt.DedupeError):
        dt.CorpusIndex.from_bytes(b"not an index")


def test_repetition_stats_names_are_datatrove_s():
    text = "Buy now!\nBuy now!\nBuy now!\nReal content here."
    s = dt.repetition_stats(text)
    names = ["dup_para_frac", "dup_para_char_frac", "dup_line_frac", "dup_line_char_frac"]
    names += [f"top_{n}_gram" for n in (2, 3, 4)] + [f"duplicated_{n}_n_grams" for n in range(5, 11)]
    assert set(names) <= set(s)
    assert s["dup_line_frac"] == 2 / 4
    assert s["chars"] == len(text)
    assert dt.gopher_rule(text) == "dup_line_frac"
    assert dt.gopher_rule("") == "empty"
    prose = (
        "Officials said on Tuesday that the new bridge over the river would open next spring, "
        "two years later than planned. Engineers found cracks in several supports during a routine "
        "inspection last autumn, and the city council voted to replace them before any traffic is "
        "allowed across. Residents of the eastern districts, who now drive forty minutes around the "
        "bay, welcomed the news but asked for a firm date. The mayor promised weekly updates online."
    )
    assert dt.gopher_rule(prose) is None
    why = dt.explain_repetition(text)
    assert why["stats"] == s
    assert why["rule"] == "dup_line_frac"
    assert [text[a:b] for a, b in why["duplicate_lines"]["chars"]] == ["Buy now!", "Buy now!"]
    words = ["I", "ca", "n't", ",", "I", "ca", "n't", "!"]
    assert dt.repetition_stats("I can't, I can't!", words)["top_2_gram"] == 8 / 17


def test_repetition_stats_agree_with_datatrove_on_lines_and_paragraphs():
    datatrove = pytest.importorskip("datatrove.pipeline.filters.gopher_repetition_filter")
    import re

    text = "Para one line\nshared line\n\nshared para\n\nshared para\n\nPara two\nshared line\n"
    paragraphs = re.compile(r"\n{2,}").split(text.strip())
    dup, chars = datatrove.find_duplicates(paragraphs)
    s = dt.repetition_stats(text)
    assert s["dup_para_frac"] == dup / len(paragraphs)
    assert s["dup_para_char_frac"] == chars / len(text)
    lines = re.compile("\n+").split(text)
    dup, chars = datatrove.find_duplicates(lines)
    assert s["dup_line_frac"] == dup / len(lines)
    assert s["dup_line_char_frac"] == chars / len(text)


def test_minhash_signatures():
    a = "the quick brown fox jumps over the lazy dog and runs away into the forest"
    b = "the quick brown fox jumps over the lazy dog and runs off into the forest"
    sa, sb, sc = dt.minhash_signatures([a, b, "an unrelated text about the weather this week"])
    assert len(sa) == 128 and all(0 <= v < 2**64 for v in sa)
    same = sum(x == y for x, y in zip(sa, sb)) / 128
    other = sum(x == y for x, y in zip(sa, sc)) / 128
    assert same > 0.3 > other
    assert dt.minhash_signatures([a], num_hashes=16)[0] != dt.minhash_signatures([a], num_hashes=16, seed=7)[0]
    assert len(dt.minhash_signatures([a], num_hashes=16)[0]) == 16


def test_type_stubs_match_the_module(repo):
    """The .pyi stubs against the compiled module (mypy's stubtest)."""
    stubtest = pytest.importorskip("mypy.stubtest")
    allow = repo / "python" / "tests" / "stubtest-allowlist.txt"
    assert stubtest.test_stubs(stubtest.parse_options(["dedupe_text._native", "--allowlist", str(allow)])) == 0


def test_module_command_line_usage():
    import subprocess
    import sys

    none = subprocess.run([sys.executable, "-m", "dedupe_text"], capture_output=True, text=True)
    assert none.returncode == 2 and "ray-clean" in none.stdout
    unknown = subprocess.run([sys.executable, "-m", "dedupe_text", "frobnicate"], capture_output=True, text=True)
    assert unknown.returncode == 2 and "unknown command 'frobnicate'" in unknown.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "dedupe_text", "ray-clean", "/nonexistent/x.jsonl", "--output", "/tmp/unused-out"],
        capture_output=True,
        text=True,
    )
    assert missing.returncode != 0 and "/nonexistent/x.jsonl" in missing.stderr


def test_min_chars_is_the_default_and_min_bytes_the_alternative():
    # 18 CJK characters, 52 bytes: under 20 characters, so not a unit by default (as in Rust),
    # but a unit with min_bytes=20.
    phrase = "鉴于有必要促进各国间友好关系的发展,"
    text = f"{phrase}\n{phrase}\n"
    assert not dt.find_repeats(text).groups
    assert not dt.Finder().find(text).groups
    assert dt.Finder(min_bytes=20).find(text).groups
    assert dt.Finder(min_chars=10).find(text).groups
    with pytest.raises(dt.DedupeError, match="not both"):
        dt.Finder(min_chars=10, min_bytes=20)
    f = dt.Finder(min_chars=10, stutters=True)
    assert dt.Finder(**f.settings()).settings() == f.settings()


def test_stutters_and_runs_are_asked_for_separately():
    text = "He met President Ilham President Ilham Aliyev. We will fight on the beaches and the hills. Then we will fight on the beaches and the hills."
    kinds = lambda f: sorted({r.kind for r in f.find(text).inner})
    assert kinds(dt.Finder(stutters=True)) == ["stutter"]
    assert kinds(dt.Finder(runs=True)) == ["repeat"]
    assert kinds(dt.Finder(inner=True)) == ["repeat", "stutter"]
