//! Near duplicates across a corpus, in the two passes the exact search makes: documents
//! against documents, and units (lines or paragraphs) against units of other documents.

use dedupe::near::{NearConfig, NearFinder, NearGroup, NearPass, NearVerify};
use dedupe::NearPair;
use dedupe::{CorpusRepeats, Finder, Occurrence};

use crate::input::Doc;

/// Near-duplicate units across documents: every member with its document.
pub struct UnitGroup {
    pub members: Vec<(usize, Occurrence)>,
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
    /// In the second pass, each item's occurrence.
    places: Vec<Occurrence>,
}

impl CorpusNear {
    pub fn new(finder: &Finder, config: &NearConfig) -> Result<Self, String> {
        let near = NearFinder::new(config).map_err(|e| e.to_string())?;
        Ok(CorpusNear {
            finder: finder.clone(),
            stage: Stage::First(Box::new((near.corpus(), near.corpus()))),
            items: Vec::new(),
            places: Vec::new(),
        })
    }

    /// The units of `doc` that count, as `(unit, occurrence)`.
    fn units<'d>(&self, doc: &Doc<'d>) -> Vec<(Occurrence, &'d str)> {
        let text = doc.text;
        self.finder
            .units(text)
            .into_iter()
            .map(|o| (o, o.text(text)))
            .filter(|(_, t)| self.finder.counts(t))
            .collect()
    }

    /// Pass one over a batch of documents numbered from `first`.
    pub fn first(&mut self, docs: &[Doc], first: usize) {
        let mut unit_texts: Vec<&str> = Vec::new();
        for (k, doc) in docs.iter().enumerate() {
            for (o, t) in self.units(doc) {
                self.items.push(((first + k) as u32, o.unit() as u32));
                unit_texts.push(t);
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
    /// the first document of this run.
    pub fn between(&mut self, repeats: &CorpusRepeats, offset: usize) {
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
            self.stage = Stage::Second(Box::new((doc_pass.verify(), unit_pass.verify())));
        }
    }

    /// Pass two over the same batches, in the same order.
    pub fn second(&mut self, docs: &[Doc]) {
        let mut unit_texts: Vec<&str> = Vec::new();
        let mut places = Vec::new();
        for doc in docs {
            for (o, t) in self.units(doc) {
                // Offsets into the file's bytes, as in every report.
                places.push(doc.restore_occurrence(o));
                unit_texts.push(t);
            }
        }
        self.places.extend(places);
        if let Stage::Second(checks) = &mut self.stage {
            let (doc_check, unit_check) = &mut **checks;
            let texts: Vec<&str> = docs.iter().map(|d| d.text).collect();
            doc_check.add(&texts);
            unit_check.add(&unit_texts);
        }
    }

    /// The near-duplicate documents, and the near-duplicate units that span two or more
    /// documents.
    pub fn finish(self) -> (Vec<NearGroup>, Vec<UnitGroup>) {
        let Stage::Second(checks) = self.stage else {
            return (Vec::new(), Vec::new());
        };
        let (doc_check, unit_check) = *checks;
        let docs = doc_check.finish();
        let units = unit_check
            .finish()
            .into_iter()
            .filter(|g| {
                let first = self.items[g.members()[0]].0;
                g.members().iter().any(|&m| self.items[m].0 != first)
            })
            .map(|g| UnitGroup {
                members: g
                    .members()
                    .iter()
                    .map(|&m| (self.items[m].0 as usize, self.places[m]))
                    .collect(),
                pairs: g.pairs().to_vec(),
            })
            .collect();
        (docs, units)
    }
}
