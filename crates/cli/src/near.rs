//! Near duplicates across a corpus, in the two passes the exact search makes: documents
//! against documents, and units (lines or paragraphs) against units of other documents.

use std::collections::HashMap;

use dedupe::near::{NearConfig, NearFinder, NearGroup, NearPass, NearVerify};
use dedupe::NearPair;
use dedupe::{CorpusIndex, CorpusRepeats, Finder, Occurrence, Report};

use crate::input::Doc;

/// Near-duplicate units across documents: every occurrence of each text in the group
/// with its document (exact copies of a member included), in corpus order; per text the
/// indexes into `members` of its copies; the verified pairs between texts (indexes into
/// `texts`).
pub struct UnitGroup {
    pub members: Vec<(usize, Occurrence)>,
    pub texts: Vec<Vec<usize>>,
    pub pairs: Vec<NearPair>,
}

enum Stage {
    First(Box<(NearPass, NearPass)>),
    Second(Box<(NearVerify, NearVerify)>),
    Done,
}

/// Both passes of both searches.
pub struct CorpusNear {
    finder: Finder,
    stage: Stage,
    /// Per unit fed to the unit search, in order: its document and unit number.
    items: Vec<(u32, u32)>,
    /// Each item's occurrence: from pass one in its document's text, moved to the file's
    /// bytes as pass two sees its document (items before `done`).
    places: Vec<Occurrence>,
    /// Per item, the item it is a later exact copy of (itself when none): the copies are
    /// left out of the search and listed with their first in the groups.
    copy_of: Vec<u32>,
    /// Items left out as later copies whose first is not known from the corpus groups
    /// (those list units equal across documents): copies of a unit within one document,
    /// matched to it in pass two. Ascending.
    within: Vec<u32>,
    /// In the second pass, the number of documents seen.
    seen: u32,
    /// In the second pass, the number of items seen.
    done: usize,
}

impl CorpusNear {
    pub fn new(finder: &Finder, config: &NearConfig) -> Result<Self, String> {
        let near = NearFinder::new(config).map_err(|e| e.to_string())?;
        Ok(CorpusNear {
            finder: finder.clone(),
            stage: Stage::First(Box::new((near.corpus(), near.corpus()))),
            items: Vec::new(),
            places: Vec::new(),
            copy_of: Vec::new(),
            within: Vec::new(),
            seen: 0,
            done: 0,
        })
    }

    /// The near duplicates within a document (`text`) whose counting units, items
    /// `items`, were in pass one: from the keys of the unit search, so that each unit is
    /// sketched once, not again for its document's report.
    fn set_within(&self, report: &mut Report, text: &str, items: std::ops::Range<usize>) {
        let Stage::Second(checks) = &self.stage else {
            return;
        };
        // Pass one's occurrences, not yet moved to the file's bytes.
        let counting = &self.places[items.clone()];
        let near = report.near_units(counting.iter().map(|o| o.unit()));
        // `near` is a subsequence of the counting units.
        let mut found = Vec::with_capacity(near.len());
        let mut texts = Vec::with_capacity(near.len());
        let mut k = 0;
        for &u in &near {
            while counting[k].unit() != u {
                k += 1;
            }
            found.push(items.start + k);
            texts.push(counting[k].text(text));
        }
        let groups = checks.1.groups_among(&found, &texts);
        // Every unit of the text, split again only for a document with near duplicates.
        let all = if groups.is_empty() {
            Vec::new()
        } else {
            self.finder.units(text)
        };
        report.set_near(&all, &near, &groups);
    }

    /// Pass one over a batch of documents numbered from `first`, just added to `index`:
    /// the units that count are the index's, not normalized again.
    pub fn first(&mut self, docs: &[Doc], first: usize, index: &CorpusIndex) {
        let mut unit_texts: Vec<&str> = Vec::new();
        for (k, doc) in docs.iter().enumerate() {
            let mut counting = index.counting_units(first + k).peekable();
            if counting.peek().is_none() {
                continue;
            }
            let text = doc.text;
            let all = self.finder.units(text);
            for u in counting {
                self.items.push(((first + k) as u32, u as u32));
                self.places.push(all[u]);
                unit_texts.push(all[u].text(text));
            }
        }
        if let Stage::First(passes) = &mut self.stage {
            let (doc_pass, unit_pass) = &mut **passes;
            let texts: Vec<&str> = docs.iter().map(|d| d.text).collect();
            doc_pass.add(&texts);
            unit_pass.add(&unit_texts);
        }
    }

    /// Between the passes: later exact copies (of documents, of units) are exact repeats
    /// already, and would only make many pairs; leave them out. `offset` is the number of
    /// the first document of this run; `index` the corpus index `repeats` were resolved
    /// from.
    pub fn between(&mut self, repeats: &CorpusRepeats, offset: usize, index: &CorpusIndex) {
        let stage = std::mem::replace(&mut self.stage, Stage::Done);
        if let Stage::First(passes) = stage {
            let (mut doc_pass, mut unit_pass) = *passes;
            for set in repeats.duplicate_documents() {
                for &d in &set[1..] {
                    if d >= offset {
                        doc_pass.skip(d - offset);
                    }
                }
            }
            for (i, &(doc, unit)) in self.items.iter().enumerate() {
                if repeats.is_repeat(doc as usize + offset, unit as usize) {
                    unit_pass.skip(i);
                }
            }
            // Items are in (document, unit) order.
            let items = &self.items;
            let find = |doc: usize, unit: usize| {
                let doc = u32::try_from(doc.checked_sub(offset)?).ok()?;
                items.binary_search(&(doc, unit as u32)).ok()
            };
            self.copy_of = (0..items.len() as u32).collect();
            for g in repeats.groups() {
                let Some(first) = find(g[0].doc(), g[0].first()) else {
                    continue;
                };
                for r in &g[1..] {
                    if let Some(i) = find(r.doc(), r.first()) {
                        self.copy_of[i] = first as u32;
                    }
                }
            }
            self.within = (0..items.len() as u32)
                .filter(|&i| {
                    let (doc, unit) = items[i as usize];
                    self.copy_of[i as usize] == i && repeats.is_repeat(doc as usize + offset, unit as usize)
                })
                .collect();
            self.match_within(offset, index);
            self.stage = Stage::Second(Box::new((doc_pass.verify(), unit_pass.verify())));
        }
    }

    /// Pass two over the same batches, in the same order. With `within`, the near
    /// duplicates within each document are set on its report (made without them), from
    /// the keys of pass one.
    pub fn second(&mut self, docs: &[Doc], reports: &mut [Option<Report>], within: bool) {
        use rayon::prelude::*;
        // Each document's items.
        let mut ranges = Vec::with_capacity(docs.len());
        let mut at = self.done;
        for k in 0..docs.len() {
            let doc = self.seen + k as u32;
            let end = at + self.items[at..].iter().take_while(|&&(d, _)| d == doc).count();
            ranges.push(at..end);
            at = end;
        }
        if within {
            let this = &*self;
            docs.par_iter()
                .zip(reports.par_iter_mut())
                .zip(ranges.par_iter())
                .for_each(|((doc, report), range)| {
                    if let Some(r) = report.as_mut().filter(|_| !range.is_empty()) {
                        this.set_within(r, doc.text, range.clone());
                    }
                });
        }
        let mut unit_texts: Vec<&str> = Vec::new();
        for (doc, range) in docs.iter().zip(ranges) {
            self.seen += 1;
            for p in &mut self.places[range.clone()] {
                unit_texts.push(p.text(doc.text));
                // Offsets into the file's bytes, as in every report.
                *p = doc.restore_occurrence(*p);
            }
            self.done = range.end;
        }
        if let Stage::Second(checks) = &mut self.stage {
            let (doc_check, unit_check) = &mut **checks;
            let texts: Vec<&str> = docs.iter().map(|d| d.text).collect();
            doc_check.add(&texts);
            unit_check.add(&unit_texts);
        }
    }

    /// Points each copy of a unit within one document (the items `within`) to the first
    /// unit of that document equal to it, as the exact search compares units: by the
    /// fingerprints of the index, not normalizing the units again.
    fn match_within(&mut self, offset: usize, index: &CorpusIndex) {
        let mut seen: HashMap<u128, u32> = HashMap::new();
        let mut next = 0;
        while next < self.within.len() {
            let doc = self.items[self.within[next] as usize].0;
            // This document's items: its counting units, in the index's order.
            let first = self.items.partition_point(|&(d, _)| d < doc);
            seen.clear();
            for (k, (unit, print)) in index.counting_prints(doc as usize + offset).enumerate() {
                let item = (first + k) as u32;
                debug_assert_eq!(self.items[item as usize], (doc, unit as u32));
                if self.within.get(next) == Some(&item) {
                    next += 1;
                    if let Some(&f) = seen.get(&print) {
                        self.copy_of[item as usize] = f;
                    }
                } else {
                    seen.entry(print).or_insert(item);
                }
            }
        }
    }

    /// The near-duplicate documents, and the near-duplicate units that span two or more
    /// documents.
    pub fn finish(mut self) -> (Vec<NearGroup>, Vec<UnitGroup>) {
        let Stage::Second(checks) = std::mem::replace(&mut self.stage, Stage::Done) else {
            return (Vec::new(), Vec::new());
        };
        let (doc_check, unit_check) = *checks;
        let docs = doc_check.finish();
        // The later copies of each item that has some.
        let mut copies: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, &c) in self.copy_of.iter().enumerate() {
            if c as usize != i {
                copies.entry(c).or_default().push(i);
            }
        }
        let units = unit_check
            .finish()
            .into_iter()
            .map(|g| self.unit_group(g.members(), g.pairs(), &copies))
            .filter(|g| g.members.iter().any(|&(d, _)| d != g.members[0].0))
            .collect();
        (docs, units)
    }

    /// A group of items: every copy of each, in corpus order.
    fn unit_group(
        &self,
        members: &[usize],
        pairs: &[NearPair],
        copies: &HashMap<u32, Vec<usize>>,
    ) -> UnitGroup {
        let mut all: Vec<(usize, usize)> = Vec::new();
        for (t, &m) in members.iter().enumerate() {
            all.push((m, t));
            let later = copies.get(&(m as u32)).map_or(&[][..], |c| &c[..]);
            all.extend(later.iter().map(|&i| (i, t)));
        }
        all.sort_unstable();
        let mut texts = vec![Vec::new(); members.len()];
        for (k, &(_, t)) in all.iter().enumerate() {
            texts[t].push(k);
        }
        UnitGroup {
            members: all
                .iter()
                .map(|&(i, _)| (self.items[i].0 as usize, self.places[i]))
                .collect(),
            texts,
            pairs: pairs.to_vec(),
        }
    }
}
