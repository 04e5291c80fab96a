//! The words drafting knows: trigger phrases and the event kind each stands for, and the
//! cues around them (modals, negations, hedges, attributions, denials). Everything here is
//! English news and encyclopedia usage, not the wording of any one report; the README lists
//! the triggers by kind.

use crate::dataset::EventKind;

/// Where a trigger's place and actor are, relative to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// The place follows as the object: "captured X", "took control of X", "entered X".
    Object,
    /// The place comes after "from" within a few words: "withdrew (its troops) from X";
    /// without one the withdrawal is from the place the sentence says was taken.
    WithdrawFrom,
    /// The place is the subject, the actor follows "to" (or "of"): "X fell to Y".
    FellTo,
    /// "Y lost X to Z": the place follows, the actor comes after "to", the loser before.
    LostTo,
    /// A noun: "the fall of X (to Y)", "Y's capture of X"; the place follows.
    Nominal,
    /// Fighting: the place follows a locative preposition later in the clause ("fighting
    /// raged in X", "the battle against the army in X").
    Locative,
    /// Defences breached: the place is named after "of", else the sentence's only place.
    Breach,
    /// Being somewhere, after a form of "be": "were inside X", "at the walls of X".
    Position,
}

/// A trigger phrase.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TriggerDef {
    /// Any of these words first.
    pub heads: &'static [&'static str],
    /// Then these words in order; `a|b` is either, a leading `?` makes a word optional.
    pub rest: &'static [&'static str],
    /// What it says happened.
    pub kind: EventKind,
    /// Where its place and actor are.
    pub shape: Shape,
    /// A state rather than a change ("now control", "hold"): less sure as a dated change.
    pub state: bool,
}

use EventKind::{Advanced, Captured, Claimed, Contested, Withdrew, WithdrewTo};
use Shape::*;

#[rustfmt::skip]
const CAPTURE: &[&str] = &[
    "capture", "captures", "captured", "capturing", "seize", "seizes", "seized", "seizing",
    "take", "takes", "took", "taken", "taking", "overran", "overrun", "overruns", "overrunning",
    "recapture", "recaptures", "recaptured", "recapturing", "retake", "retakes", "retook",
    "retaken", "retaking", "liberate", "liberates", "liberated", "liberating", "conquer",
    "conquered", "conquers", "occupy", "occupies", "occupied", "occupying", "annexed",
];
#[rustfmt::skip]
const GAIN: &[&str] = &[
    "take", "takes", "took", "taken", "taking", "seize", "seizes", "seized", "seizing", "gain",
    "gains", "gained", "gaining", "regain", "regains", "regained", "regaining", "assume",
    "assumed", "assumes", "wrest", "wrested", "establish", "established", "secure", "secured",
    "secures", "recover", "recovered", "recovers", "restore", "restored", "retake", "retook",
    "retaken",
];
const FALL: &[&str] = &["fell", "fall", "falls", "falling", "fallen"];
#[rustfmt::skip]
const WITHDRAW: &[&str] = &[
    "withdrew", "withdrawn", "withdraw", "withdraws", "withdrawing", "retreated", "retreat",
    "retreats", "retreating",
];
const PULL: &[&str] = &["pulled", "pull", "pulls", "pulling"];

const fn t(
    heads: &'static [&'static str],
    rest: &'static [&'static str],
    kind: EventKind,
    shape: Shape,
) -> TriggerDef {
    TriggerDef {
        heads,
        rest,
        kind,
        shape,
        state: false,
    }
}

/// Verbs of extending a hold, before "their hold to".
#[rustfmt::skip]
const EXTEND: &[&str] = &[
    "extend", "extends", "extended", "extending", "expand", "expanded",
];

/// Verbs of holding: a state more than a change.
#[rustfmt::skip]
const HOLD: &[&str] = &[
    "control", "controls", "controlled", "hold", "holds", "held",
];

/// Nouns of a capture, before "of".
#[rustfmt::skip]
const CAPTURE_NOUNS: &[&str] = &[
    "capture", "seizure", "takeover", "fall", "recapture", "liberation", "conquest", "loss",
];

/// Verbs of entering or besieging a place.
#[rustfmt::skip]
const ENTER: &[&str] = &[
    "enter", "enters", "entered", "entering", "storm", "storms", "stormed", "storming",
    "infiltrate", "infiltrated", "infiltrating", "besiege", "besieges", "besieged", "besieging",
    "penetrated", "penetrate",
];

/// Verbs of breaking or pushing into a place, before "into".
#[rustfmt::skip]
const BREAK_INTO: &[&str] = &[
    "broke", "broken", "break", "breaks", "breaking", "pushed", "push", "pushes", "pushing",
    "moved", "moving",
];

/// Words of fighting, before where.
#[rustfmt::skip]
const FIGHTING: &[&str] = &[
    "fighting", "fight", "fights", "fought", "clashes", "clashed", "clashing", "battle",
    "battles", "battling", "combat", "skirmishes", "shelling",
];

/// Nouns of a withdrawal.
#[rustfmt::skip]
pub(crate) const WITHDRAWAL_NOUNS: &[&str] = &[
    "redeployment", "repositioning", "withdrawal", "pullback", "pull-back", "pullout",
];

/// Verbs of advancing, before "on" or "towards".
#[rustfmt::skip]
const ADVANCE: &[&str] = &[
    "advanced", "advance", "advances", "advancing", "marched", "marching", "march", "pushed",
    "pushing", "push", "moved", "moving", "headed", "heading", "edged", "edging", "converged",
    "converging",
];

/// Verbs of approaching a place.
#[rustfmt::skip]
const APPROACH: &[&str] = &[
    "approaching", "approached", "approach", "approaches", "nearing", "neared",
];

/// Verbs of surrounding a place.
#[rustfmt::skip]
const SURROUND: &[&str] = &[
    "surround", "surrounds", "surrounded", "encircle", "encircles", "encircled", "encircling",
];

/// Every trigger; where two match at one word, the longer wins.
#[rustfmt::skip]
pub(crate) const TRIGGERS: &[TriggerDef] = &[
    t(CAPTURE, &[], Captured, Object),
    t(GAIN, &["control|hold|possession", "of|over"], Captured, Object),
    t(GAIN, &["full|complete|total", "control|hold", "of|over"], Captured, Object),
    t(&["take", "takes", "took", "taken", "taking"], &["over"], Captured, Object),
    t(EXTEND, &["their|its|his|her", "hold|control", "to|over"], Captured, Object),
    t(&["sweep", "swept", "sweeping", "sweeps"], &["into|through"], Captured, Object),
    t(&["stormed", "storm", "storms", "storming"], &["into"], Captured, Object),
    TriggerDef { heads: HOLD, rest: &[], kind: Captured, shape: Object, state: true },
    TriggerDef {
        heads: &["in"], rest: &["?full|complete|total", "control", "of"],
        kind: Captured, shape: Object, state: true,
    },
    t(CAPTURE_NOUNS, &["of"], Captured, Nominal),
    t(FALL, &["to"], Captured, FellTo),
    t(FALL, &["into", "the", "hands", "of"], Captured, FellTo),
    t(FALL, &[], Captured, FellTo),
    t(&["handed"], &["over", "to"], Captured, FellTo),
    t(&["came", "come", "comes", "coming"], &["under", "the", "control", "of"], Captured, FellTo),
    t(&["lost", "lose", "loses", "losing"], &[], Captured, LostTo),
    t(ENTER, &[], Contested, Object),
    t(BREAK_INTO, &["into"], Contested, Object),
    t(&["laid", "lay", "laying", "lays"], &["siege", "to"], Contested, Object),
    t(&["breached", "breach", "breaches", "breaching"], &[], Contested, Breach),
    t(&["broke", "broken", "break", "breaking"], &["through"], Contested, Breach),
    t(FIGHTING, &[], Contested, Locative),
    t(&["inside"], &[], Contested, Position),
    t(&["at"], &["the", "walls|gates", "of"], Contested, Position),
    t(&["claim", "claims", "claimed", "claiming"], &[], Claimed, Object),
    t(&["claim", "claims", "claimed", "claiming"], &["control", "of"], Claimed, Object),
    t(WITHDRAW, &[], Withdrew, WithdrawFrom),
    t(PULL, &["out", "of"], Withdrew, Object),
    t(PULL, &["out"], Withdrew, WithdrawFrom),
    t(PULL, &["back", "from"], Withdrew, Object),
    t(&["abandoned", "abandon", "abandons", "abandoning", "vacated"], &[], Withdrew, Object),
    t(&["withdrawal", "retreat", "pullout"], &["from"], Withdrew, Object),
    t(WITHDRAWAL_NOUNS, &[], Withdrew, WithdrawFrom),
    t(FALL, &["back", "to|on|towards"], WithdrewTo, Object),
    t(PULL, &["back", "to|towards"], WithdrewTo, Object),
    t(PULL, &["back", "as", "far", "as"], WithdrewTo, Object),
    t(WITHDRAW, &["?back", "to|towards"], WithdrewTo, Object),
    t(&["redeployed", "redeploy", "redeploying", "regrouped"], &["to|in"], WithdrewTo, Object),
    t(ADVANCE, &["on|towards|toward|upon"], Advanced, Object),
    t(&["closing", "closed", "close", "closes"], &["in", "on"], Advanced, Object),
    t(APPROACH, &[], Advanced, Object),
    t(&["bearing", "bore", "bear"], &["down", "on"], Advanced, Object),
    t(SURROUND, &[], Advanced, Object),
    t(&["reached", "reach", "reaches", "reaching"], &[], Advanced, Object),
    t(&["on"], &["the", "outskirts|edge|doorstep", "of"], Advanced, Position),
];

/// A distance from a place after a form of "be" or an advance: "are now within 30 km of X",
/// "advanced to within 30km (20 miles) of X", "were six miles from X".
pub(crate) static DISTANCE: TriggerDef = t(&["within"], &[], Advanced, Position);

/// Units of a distance.
#[rustfmt::skip]
pub(crate) const UNITS: &[&str] = &[
    "km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "mi",
];

/// Numbers in words, for distances ("six miles").
pub(crate) const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "few", "several", "dozen",
];

/// After "take": not a capture ("took part", "taken place").
#[rustfmt::skip]
pub(crate) const TAKE_NOT: &[&str] = &[
    "place", "part", "care", "steps", "note", "refuge", "shelter", "aim", "hostage", "hostages",
    "prisoner", "prisoners", "responsibility", "office", "power", "to", "effect", "advantage",
    "action", "measures", "turns", "shape", "root", "time", "charge", "cover", "notice", "off",
    "up", "back", "home", "away", "out", "on", "a", "an",
];

/// Forms of "be" (and "remain") before a position: "were inside", "are now within".
pub(crate) const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "remain", "remains", "remained", "'re",
    "stood", "stand", "stands",
];

/// Auxiliaries of a passive or perfect: "was captured", "had been seized".
pub(crate) const AUX: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "got", "get",
];

/// Words that can stand between an auxiliary and its verb.
#[rustfmt::skip]
pub(crate) const ADVERBS: &[&str] = &[
    "now", "just", "only", "also", "already", "reportedly", "allegedly", "apparently",
    "finally", "quickly", "still", "again", "since", "largely", "partly", "partially",
    "effectively", "fully", "completely", "almost", "nearly", "virtually", "then", "later",
    "soon", "eventually", "successfully", "recently", "once", "briefly", "swiftly", "fast",
    "even", "both", "all", "reportedly", "last", "first",
];

/// Words that make what follows hypothetical, when they come just before a trigger.
pub(crate) const MODALS: &[&str] = &[
    "could", "would", "might", "may", "should", "will", "shall", "must", "can", "'ll", "'d",
    "cannot", "wouldn't", "couldn't",
];

/// Verbs of intent or threat before "to": "threatened to take", "aims to capture".
#[rustfmt::skip]
pub(crate) const INTENT: &[&str] = &[
    "threatened", "threatens", "threaten", "threatening", "aim", "aims", "aimed", "aiming",
    "plan", "plans", "planned", "planning", "seek", "seeks", "sought", "seeking", "try",
    "tries", "tried", "trying", "attempt", "attempts", "attempted", "attempting", "expect",
    "expects", "expected", "hope", "hopes", "hoped", "hoping", "vow", "vows", "vowed", "vowing",
    "poised", "set", "about", "ready", "going", "prepared", "preparing", "want", "wants",
    "wanted", "failed", "fail", "fails", "intend", "intends", "intended", "allow", "allowed",
    "allowing", "inadmissible", "urged", "urge", "called", "calls", "moved", "order", "ordered",
    "orders", "likely", "unlikely", "able", "unable", "need", "needs", "needed", "bid", "push",
];

/// Verbs before "to" after which the event did happen: "began to surround".
#[rustfmt::skip]
pub(crate) const REAL_BEFORE_TO: &[&str] = &[
    "began", "begun", "begin", "begins", "started", "start", "starts", "continued", "continue",
    "continues", "continuing", "managed", "manage", "manages", "succeeded", "went", "came",
];

/// Words that make a statement conditional when they open its clause.
pub(crate) const CONDITIONS: &[&str] = &["if", "unless", "whether", "lest"];

/// Negations just before a trigger.
pub(crate) const NEGATIONS: &[&str] = &["not", "never", "n't", "nor", "no"];

/// Prepositions that open a participle clause whose actor is the main clause's subject:
/// "After capturing Aleppo, rebels…".
#[rustfmt::skip]
pub(crate) const PARTICIPLE_OPENERS: &[&str] = &[
    "after", "besides", "before", "since", "following", "by", "while", "despite", "upon", "on",
    "in", "having", "when",
];

/// Words that end a clause: an object, an actor search or a date's reach stops there.
#[rustfmt::skip]
pub(crate) const CLAUSE_WORDS: &[&str] = &[
    "after", "as", "while", "when", "before", "since", "because", "but", "although", "though",
    "which", "who", "whom", "whose", "where", "allowing", "that", "if", "unless", "whereas",
    "amid", "despite", "with", "without", "until", "so", "yet", "following", "forcing",
    "prompting", "leaving", "sending", "causing",
];

/// Verbs that attribute what follows (or precedes) to a speaker.
#[rustfmt::skip]
pub(crate) const SPEECH: &[&str] = &[
    "said", "says", "say", "saying", "told", "tells", "tell", "telling", "reported", "reports",
    "reporting", "stated", "states", "announced", "announces", "announcing", "confirmed",
    "confirms", "confirming", "added", "adds", "insisted", "insists", "acknowledged", "wrote",
    "posted",
];

/// Verbs of claiming: a capture they govern is a claim.
pub(crate) const CLAIM: &[&str] = &["claim", "claims", "claimed", "claiming"];

/// Verbs of denial: an event they govern is its speaker's denial.
#[rustfmt::skip]
pub(crate) const DENY: &[&str] = &[
    "denied", "denies", "deny", "denying", "rejected", "rejects", "dismissed", "dismisses",
    "refuted",
];

/// Hedges kept as the event's `qualifier`.
#[rustfmt::skip]
pub(crate) const HEDGES: &[&str] = &[
    "almost", "nearly", "reportedly", "allegedly", "partially", "partly", "largely", "mostly",
    "effectively", "virtually", "most", "much", "parts", "part",
];

/// Parts of a place that make a capture of them a contest of the place.
#[rustfmt::skip]
pub(crate) const EDGES: &[&str] = &[
    "outskirts", "suburbs", "suburb", "edge", "edges", "outer", "periphery", "approaches",
    "gates", "walls", "fringes", "entrance", "entrances",
];

/// Words that make the place a reference point, not the object: "a village near X".
#[rustfmt::skip]
pub(crate) const REFERENCE: &[&str] = &[
    "near", "nearby", "outside", "around", "from", "beyond", "off", "towards", "toward", "km",
    "kms", "kilometres", "kilometers", "miles", "mile", "close", "west", "east", "north",
    "south", "northwest", "northeast", "southwest", "southeast", "road", "highway", "between",
    "along", "across", "against",
];

/// Sites that are not towns: taking one is not taking the town it is in, but taking one
/// near a town is an advance on it ("an army camp outside the city").
#[rustfmt::skip]
pub(crate) const SITES: &[&str] = &[
    "headquarters", "base", "airport", "airbase", "checkpoint", "checkpoints", "positions",
    "position", "hill", "hills", "bridge", "bridges", "dam", "camp", "camps", "building",
    "buildings", "office", "offices", "compound", "barracks", "garrison", "outpost", "outposts",
    "factory", "plant", "station", "prison", "hospital", "stadium", "university", "ground",
    "territory", "attack", "attacks", "strike", "strikes",
];

/// Nouns for the kind of place named after them: "the key city of Homs".
#[rustfmt::skip]
pub(crate) const PLACE_NOUNS: &[&str] = &[
    "city", "cities", "town", "towns", "village", "villages", "district", "districts",
    "province", "provinces", "region", "regions", "governorate", "oblast", "county",
    "municipality", "suburb", "area", "areas", "settlement", "settlements", "hamlet", "capital",
    "port", "crossing", "neighbourhood", "neighborhood", "quarter", "stronghold", "hub",
    "centre", "center", "border", "frontier", "countryside", "enclave", "pocket", "locality",
    "commune", "state", "raion", "rayon", "district's",
];

/// Determiners and pronouns that may open an object.
#[rustfmt::skip]
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "all", "entire", "whole", "key", "much", "most", "of", "both", "several", "two", "three",
    "four", "five", "some", "another", "other", "new", "major", "strategic", "strategically",
    "important", "vital", "historic", "ancient", "main", "last", "remaining", "nearby",
];

/// Pronouns an actor may be referred to by.
pub(crate) const PRONOUNS: &[&str] = &[
    "it", "they", "we", "our", "he", "she", "them", "its", "their",
];

/// Words that name a place through the one before: "the city", "the town".
pub(crate) const ANAPHORS: &[&str] = &["city", "town", "village", "capital"];

/// State broadcasters and agencies: their statements are the government's.
pub(crate) const STATE_MEDIA: &[&[&str]] = &[
    &["state", "television"],
    &["state", "tv"],
    &["state", "media"],
    &["state", "news", "agency"],
    &["state", "broadcaster"],
    &["state", "news"],
    &["state-run"],
    &["state-owned"],
    &["official", "news", "agency"],
];

/// Outlets and wires a quote may credit (`cites`).
#[rustfmt::skip]
pub(crate) const OUTLETS: &[&str] = &[
    "Reuters", "AFP", "Agence France-Presse", "Associated Press", "AP", "Bloomberg", "BBC",
    "CNN", "Al Jazeera", "Al Arabiya", "Wall Street Journal", "New York Times",
    "Washington Post", "Financial Times", "The Guardian", "Sky News", "Interfax", "TASS",
    "RIA Novosti", "Ukrinform", "Kyiv Independent", "SANA", "Anadolu", "DPA", "EFE", "Xinhua",
    "Syrian Observatory for Human Rights", "Institute for the Study of War", "ACLED",
    "Sudan Tribune", "Radio Dabanga",
];

/// Titles before a person's name: the name is not a place.
#[rustfmt::skip]
pub(crate) const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "president", "prime", "minister", "general", "gen", "colonel",
    "col", "commander", "leader", "sheikh", "king", "queen", "prince", "pope", "senator",
    "governor", "mayor", "secretary", "ambassador", "spokesman", "spokeswoman", "spokesperson",
    "chief", "lieutenant", "major", "captain", "sergeant", "marshal", "admiral", "emir", "imam",
    "bishop", "judge", "sir", "lord", "lady", "professor", "prof", "foreign", "defence",
    "defense", "envoy", "analyst", "fellow",
];

/// Common English words that are also names of places somewhere (`Police` in Poland, `Of`
/// in Turkey): never looked up in the gazetteer unless the dataset names such a place.
#[rustfmt::skip]
pub(crate) const STOPWORDS: &[&str] = &[
    "a", "about", "after", "again", "against", "all", "also", "an", "and", "another", "any",
    "are", "as", "at", "back", "be", "been", "before", "being", "best", "both", "but", "by",
    "can", "central", "city", "come", "could", "day", "did", "do", "down", "during", "each",
    "early", "east", "eastern", "even", "every", "few", "first", "for", "from", "further",
    "good", "great", "had", "has", "have", "he", "her", "here", "high", "him", "his", "home",
    "hope", "how", "i", "if", "in", "inside", "into", "is", "it", "its", "just", "last", "late",
    "later", "like", "long", "made", "main", "many", "may", "me", "meanwhile", "more", "most",
    "much", "my", "never", "new", "next", "no", "north", "northern", "not", "now", "of", "off",
    "old", "on", "once", "one", "only", "or", "other", "our", "out", "over", "own", "part",
    "people", "police", "president", "protesters", "read", "said", "same", "see", "she",
    "should", "since", "so", "some", "south", "southern", "state", "still", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "time", "to", "today", "too", "under", "until", "up", "upon", "us", "very",
    "victoria", "was", "we", "well", "were", "west", "western", "what", "when", "where",
    "which", "while", "who", "why", "will", "with", "would", "year", "yet", "you", "your",
    "army", "military", "government", "regime", "rebels", "rebel", "forces", "troops",
    "fighters", "photo", "getty", "reuters", "news", "television", "media", "agency", "sources",
    "resident", "residents", "officials", "district", "province", "region", "oblast", "centre",
    "center", "capital", "border", "road", "highway", "river", "mount", "lake", "sea", "gulf",
    "islamic", "islamist", "christian", "muslim", "sunni", "shia", "alawite", "kurdish", "arab",
    "western", "eastern", "independence", "liberty", "union", "unity", "victory", "freedom",
    "peace", "friendship", "progress", "hero", "heroes", "defence", "defense", "march", "april",
    "june", "july", "august", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "september", "october", "november", "december",
    "telegram", "twitter", "facebook", "russian", "syrian", "ukrainian", "sudanese", "iranian",
    "iraqi", "turkish", "israeli", "american", "british", "french", "german", "chinese",
    "african", "european", "un", "nato", "eu", "several", "dozens", "hundreds", "thousands",
    "mother", "father", "pride", "sale", "mobile", "split", "nice", "bath", "reading", "deal",
    "male", "hatch", "plain", "plains", "valley", "heights", "bay", "cape", "port", "fort",
    "camp", "base", "air", "naval", "front", "line", "lines", "operation", "operations", "room",
    "command", "general", "forward", "storm", "shield", "spring", "dawn", "sunrise", "sunset",
];
