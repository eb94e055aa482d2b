"""Quotes (direct, partial, indirect) and attributed claims with their source chains.

How a text is read (one pass over the tokens, then one over the quotation marks); every word
list lives in nlp/data/attribution_*.txt, read by lexicon.py; the modules are marks (quotation
marks), speakers (who a cue names), cues (cues in the parse), relays (cues passing on another
cue's statement), quote_cues (the cue of a quote), chains (attributions, quotes and claims)
and output (one claim per proposition):

- Cues: speech verbs (cue_verbs), belief verbs (belief_verbs, only with a clause complement),
  verbs whose object is the content (object_verbs: "cited remarks ... as examples"), verbs
  whose infinitive is the content (xcomp_verbs: "pledged to cut taxes"), "according to",
  nouns with a possessor and a that-clause (cue_nouns: "Trump's claim that ..."), a colon
  after a name at a line start ("PENCE: ...", not colon_labels such as "Correction:"), and a
  dash naming the speaker after a quote ("“...” ― Jacklyn Ashley").
- Content of a speech verb: its clause complement ("X said [that ...]"); when the parse hangs
  the cue off the reported clause ("[...], X said." or mid-sentence "[..., he said, ...]"),
  that clause; for ", X revealed on Thursday." with no complement, the finite clause from the
  sentence start to the comma. Content before its cue runs from the sentence start ("A, but
  B, a source said" reports both). Content of "according to X": the clause it modifies, minus
  the phrase. Nothing crosses a line break.
- Quotation marks (“ ”, straight, ''; inner quotes stay inside; a quote left open at a
  paragraph end continues when the next paragraph opens with a mark) are direct when they
  stand as a clause (after a comma, a colon or at a sentence start), partial when a word runs
  into them ("the need for “...”"); Title Case fragments ("on “Fox News Sunday”") are names,
  not quotes. A quote's cue is the nearest speech cue among its ancestors in the parse (or an
  "according to" on such an ancestor), else a speech verb in its sentence, else the verb of
  "X continued:" before it, else a dash and name after it, else the cue of the quote just
  before it in the same paragraph ("“A,” she said. “B.”"), or of the previous paragraph when
  this quote is the whole paragraph. Quotes with none of these (scare quotes) are dropped.
- Speakers: the PERSON (else ORG/GPE/NORP) entity holding the subject's head, else the first
  PERSON (else ORG) named in the subject phrase (appositions, titles); coordinated names are
  joined ("Mikhail Bogdanov and Ali Bagheri"); he/she -> the most recent person that was a
  subject or a speaker; "the ministry" (org_nouns) -> the most recent organisation whose
  canonical name holds the noun; "who" -> its antecedent; a bare surname the NER missed ->
  the one PERSON with that surname; "they"/"it" and descriptions stay unresolved (speaker
  None, the raw words kept in speaker_mention and in sources).
- Source chains, innermost first:
  * inner: when the content's main verb is itself a cue ("... has informed us ...") or a
    stance word (stance_words: "Hamas is ready to", "has expressed readiness to"), its
    subject is a nested source;
  * outer: "as cited by X" / "as reported by X" on the cue adds X; "X announced that ...,
    according to Y" makes Y relay X; an attribution whose cue lies inside another
    attribution's content inherits that one's speaker and outer chain.
  * "According to our negotiations" inside a quote is the speaker's own basis, not a source.
- "Bogdanov and Bagheri agreed to “...”, the ministry added": agreeing is an action, not
  speech (agree is an xcomp verb: a claim of its own, never a quotation's speaker); the
  quoted words are the ministry's, so the partial quote's speaker is the ministry.
- A partial quote outside any other claim makes a claim of the phrase under the cue that
  holds it ("the need for “specific prerequisites” to be met ..."); the quote stays the words.
- Relays: "“...,” the group's leader X said, AFP reported": a relaying verb (relay_verbs, or
  an organisation's "said") after a clause whose own cue has a speaker joins that speaker's
  chain (X <- AFP) and claims nothing itself; a cue inside quoted words never is the speaker.
- A quote standing as its own sentence with no cue takes the named speaker of the sentence
  before it (its cue, or an intro_verbs verb: "X spoke to reporters. “...”"), else of the
  sentence after it when that one points back ("“...” Those were the words of X": quote_nouns);
  a handle after a dash ('"..."-@DrX') names the person whose name it spells.
- A lone given name is the one person it opens; "the billionaire" is the person the text
  called so; an inverted cue ("...,” said X") whose parsed subject lies inside the quote takes
  the name after the verb.
- Output: one cue reports one proposition (the wider of nested spans on a cue stays); a claim
  whose cue and content lie inside another claim's content folds into it ("X said [she plans
  to ...]" is one claim, she its innermost source); each claim points at the quote it restates
  (`Claim.quote`).
"""

from storyledger.nlp.attribution.chains import extract_attributions, find_attributions
from storyledger.nlp.attribution.marks import quote_spans
from storyledger.nlp.attribution.output import Attribution
from storyledger.nlp.attribution.speakers import Source

__all__ = ["Attribution", "Source", "extract_attributions", "find_attributions", "quote_spans"]
