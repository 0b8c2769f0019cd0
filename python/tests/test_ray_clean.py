"""ray-clean on a local Ray against the CLI's --clean: the same lines, byte for byte."""

import json
import subprocess
import sys

import pytest

from conftest import corpus_lines

ray = pytest.importorskip("ray")


def write_corpus(tmp_path):
    paths = []
    for k in range(3):
        p = tmp_path / f"in{k}.jsonl"
        lines = corpus_lines(k, 40)
        if k == 1:
            lines.insert(5, "")  # a blank line: no document, as the CLI reads it
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(str(p))
    return paths


def cli_clean(dedupe_bin, paths, *extra):
    out = subprocess.run([dedupe_bin, "--clean", "-q", *extra, *paths], capture_output=True, check=True)
    return out.stdout.splitlines()


def read_parts(folder):
    lines = []
    for p in sorted(folder.glob("part-*.jsonl")):
        lines.extend(p.read_bytes().splitlines())
    return lines


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_clean_equals_cli_clean(tmp_path, dedupe_bin, local_ray):
    from dedupe_text.ray_clean import ray_clean

    paths = write_corpus(tmp_path)
    want = cli_clean(dedupe_bin, paths)
    totals = ray_clean(paths, str(tmp_path / "out"))
    got = read_parts(tmp_path / "out")
    assert totals["documents"] == len(want) == 120
    assert totals["cut_units"] > 50
    assert sorted(got) == sorted(want)
    # Something was cut, and documents across files shared blocks of boilerplate.
    originals = sorted(l.encode() for p in paths for l in open(p, encoding="utf-8").read().splitlines() if l)
    assert sorted(got) != originals
    texts = [json.loads(l)["text"] for l in got]
    assert sum("Related: the week in pictures" in t for t in texts) == 1


def test_ray_clean_with_settings_and_a_folder(tmp_path, dedupe_bin, local_ray):
    from dedupe_text import Finder
    from dedupe_text.ray_clean import ray_clean

    folder = tmp_path / "corpus"
    folder.mkdir()
    paths = write_corpus(folder)
    want = cli_clean(dedupe_bin, [str(folder)], "--min-bytes", "8", "--unit", "line", "-i")
    ray_clean([str(folder)], str(tmp_path / "out"), finder=Finder(min_bytes=8, unit="line", fold_case=True))
    assert sorted(read_parts(tmp_path / "out")) == sorted(want)
    assert len(paths) == 3


def test_command_line(tmp_path, dedupe_bin):
    paths = write_corpus(tmp_path)
    want = cli_clean(dedupe_bin, paths)
    run = subprocess.run(
        [sys.executable, "-m", "dedupe_text", "ray-clean", *paths, "--output", str(tmp_path / "out"), "--num-cpus", "2"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "120 documents from 3 files" in run.stdout
    assert sorted(read_parts(tmp_path / "out")) == sorted(want)
