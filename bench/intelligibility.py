#!/usr/bin/env python3
"""Scores one rendered episode (see bench/intelligibility.sh): word error rate of pocketsphinx against the
written transcript, per voice and overall, plus the script checks of issue 11.

Usage: intelligibility.py EPISODE.mp3 EPISODE.vtt TITLE [MINUTES]

What is compared (precisely):
  reference  = the WebVTT transcript, i.e. the WRITTEN text the script holds (never what the engine was sent),
               with only these rewrites, done here independently of the app's normalizer (spoken_forms, words_of):
               - money: "$1.2 billion" -> "1.2 billion dollars", "$40" -> "40 dollars" (also £ pounds, € euros);
               - "p.m."/"pm" after a number -> "p m"; clock times "6:30" -> "six thirty", "9:00" -> "nine";
               - a month and a day number: "July 1" -> "july first";
               - a unit abbreviation after a number: "140 km" -> "140 kilometers" (table UNITS);
               - code read the way programmers say it (which is also what the app's normalizer sends the engine;
                 until 2026-12-04 the reference said "vec t" and "t" while the engine was sent "Vec of T" and
                 "reference to T", so every such token scored as insertions): a generic "Vec<T>" -> "vec of t",
                 "HashMap<K, V>" -> "hash map of k v"; a reference "&T" -> "reference to t", "&mut T" -> "mutable
                 reference to t"; identifiers split into the words they are made of: "AveragedCollection" ->
                 "averaged collection", "snake_case" -> "snake case", "a::b" -> "a b", "clone()" -> "clone";
                 a free-standing & is "and";
               - digits become English words (plain and comma-grouped numbers, decimals, 4-digit years 1100-2099
                 read as years, ordinals 1st/2nd/3rd/Nth, decades 1890s, % -> "percent", 2026-27 -> "... to ...");
               - lower-cased, punctuation stripped (apostrophes kept inside words, hyphens and slashes split words);
               - British spellings mapped to the American spelling of the same word (table SPELLING: tyres ->
                 tires, kilometres -> kilometers, colour -> color ...), on the hypothesis too, as the recogniser's
                 dictionary and language model are American.
  hypothesis = pocketsphinx_continuous (Debian model en-us) on each voice's speech cut from the MP3 (16 kHz mono
               WAV by ffmpeg): consecutive cues of one speaker are cut as one stretch (see spans: until 2026-12-04
               each cue was cut on its own, 0.1 s before to 0.2 s after, so where a long turn is split into cues
               the audio around the split was played twice, with silence put inside the word at the split),
               0.4 s of silence between stretches; lower-cased, "<sil>"-like fillers and "(2)" variants dropped,
               SPELLING.
  WER        = word-level Levenshtein distance (substitutions + deletions + insertions) / reference words.
Nothing else is forgiven: acronyms and URLs are NOT expanded in the reference, and whatever the engine adds to an
identifier beyond the readings above (spelled letters, "dot") counts as insertions, which is against us, not for us;
a one-letter type name ("T") heard as "tea" or "take" is an error;
compounds split by the recogniser ("every day" for "everyday") and homophones ("counselors") count as errors.
"""
import html
import os
import re
import subprocess
import sys
import tempfile
import wave
from collections import defaultdict

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
       "seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
ORD = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth",
       "twelve": "twelfth"}


def cardinal(n):
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        return ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " " + cardinal(n % 100))
    for size, name in ((10 ** 12, "trillion"), (10 ** 9, "billion"), (10 ** 6, "million"), (1000, "thousand")):
        if n >= size:
            return cardinal(n // size) + " " + name + ("" if n % size == 0 else " " + cardinal(n % size))
    return str(n)


def year(n):
    if 2000 <= n <= 2009:
        return cardinal(n)
    high, low = divmod(n, 100)
    if low == 0:
        return cardinal(high) + " hundred"
    return cardinal(high) + " " + ("oh " + ONES[low] if low < 10 else cardinal(low))


def ordinal(n):
    words = cardinal(n).split()
    last = words[-1]
    if last in ORD:
        words[-1] = ORD[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return " ".join(words)


def number_words(token):
    m = re.fullmatch(r"(\d+)(st|nd|rd|th)", token)
    if m:
        return ordinal(int(m.group(1)))
    m = re.fullmatch(r"(\d{2,4})0s", token)
    if m:
        base = int(token[:-1])
        words = (year(base) if 1100 <= base <= 2099 else cardinal(base)).split()
        last = words[-1]
        words[-1] = last[:-1] + "ies" if last.endswith("y") else last + "s"
        return " ".join(words)
    m = re.fullmatch(r"\d{1,3}(,\d{3})+|\d+", token)
    if m:
        n = int(token.replace(",", ""))
        if "," not in token and 1100 <= n <= 2099:
            return year(n)
        return cardinal(n)
    m = re.fullmatch(r"(\d+)\.(\d+)", token)
    if m:
        return cardinal(int(m.group(1))) + " point " + " ".join(ONES[int(d)] for d in m.group(2))
    return token


MONTHS = "january february march april may june july august september october november december".split()
# Units written after a number, as read aloud (US spelling, see SPELLING).
UNITS = {"km": "kilometers", "m": "meters", "cm": "centimeters", "mm": "millimeters", "mi": "miles", "ft": "feet",
         "kg": "kilograms", "g": "grams", "lb": "pounds", "lbs": "pounds", "mph": "miles per hour",
         "km/h": "kilometers per hour", "gb": "gigabytes", "mb": "megabytes", "kb": "kilobytes", "ms": "milliseconds"}
CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros"}
# British spellings the recogniser's dictionary writes the American way (same word, same sound); mapped on BOTH sides.
SPELLING = {"tyre": "tire", "tyres": "tires", "metre": "meter", "metres": "meters", "kilometre": "kilometer",
            "kilometres": "kilometers", "centimetre": "centimeter", "centimetres": "centimeters",
            "millimetre": "millimeter", "millimetres": "millimeters", "litre": "liter", "litres": "liters",
            "centre": "center", "centres": "centers", "theatre": "theater", "fibre": "fiber", "colour": "color",
            "colours": "colors", "favour": "favor", "favourite": "favorite", "behaviour": "behavior",
            "neighbour": "neighbor", "neighbours": "neighbors", "labour": "labor", "honour": "honor",
            "harbour": "harbor", "organise": "organize", "organised": "organized", "organising": "organizing",
            "organisation": "organization", "organisations": "organizations", "realise": "realize",
            "realised": "realized", "recognise": "recognize", "recognised": "recognized", "analyse": "analyze",
            "programme": "program", "programmes": "programs", "travelled": "traveled", "travelling": "traveling",
            "cancelled": "canceled", "modelled": "modeled", "pedalling": "pedaling", "pedalled": "pedaled",
            "grey": "gray", "defence": "defense", "licence": "license", "catalogue": "catalog"}


def spoken_forms(text):
    """Written forms a reader says in one standard way, rewritten as said (applied to the reference only)."""
    # Money with a scale word: "$1.2 billion" is said "one point two billion dollars".
    text = re.sub(r"([$£€])(\d[\d,]*(?:\.\d+)?)\s?(thousand|million|billion|trillion)\b",
                  lambda m: f"{m.group(2)} {m.group(3)} {CURRENCY[m.group(1)]}", text, flags=re.I)
    text = re.sub(r"([$£€])(\d[\d,]*(?:\.\d+)?)", lambda m: f"{m.group(2)} {CURRENCY[m.group(1)]}", text)
    # "p.m." / "pm" after a number is said "p m"; clock times: "6:30" is "six thirty", "9:00" is "nine".
    text = re.sub(r"(?<=\d) ?([ap])\.? ?m\b\.?", lambda m: f" {m.group(1)} m", text, flags=re.I)
    text = re.sub(r"\b([01]?\d|2[0-3]):([0-5]\d)\b",
                  lambda m: cardinal(int(m.group(1))) + ("" if m.group(2) == "00" else " " + (
                      "oh " + ONES[int(m.group(2))] if m.group(2)[0] == "0" else cardinal(int(m.group(2))))), text)
    # Dates: "July 1" is "July first".
    text = re.sub(r"\b(" + "|".join(MONTHS) + r") (\d{1,2})(?:st|nd|rd|th)?\b(?![\d,.]\d)",
                  lambda m: m.group(1) + " " + ordinal(int(m.group(2))), text, flags=re.I)
    # Units after a number: "140 km" is "140 kilometers".
    text = re.sub(r"(?<=\d) ?(" + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)) + r")(?![\w/])",
                  lambda m: " " + UNITS[m.group(1).lower()], text, flags=re.I)
    # Code is read the way programmers read it aloud: a generic "Vec<T>" is "vec of t" (HashMap<K, V>: "hash map
    # of k v"), a reference "&T" is "reference to t", "&mut T" is "mutable reference to t"; identifiers are read as
    # their parts: AveragedCollection, snake_case, a::b; "clone()" is "clone".
    for _ in range(3):
        text = re.sub(r"\b([A-Za-z_]\w*)<([^<>]{1,60})>", r"\1 of \2", text)
    text = re.sub(r"(?<![\w&])&mut\s+(?=[A-Za-z_'])", "mutable reference to ", text)
    text = re.sub(r"(?<![\w&])&(?=[A-Za-z_'])", "reference to ", text)
    text = re.sub(r"(?<=[a-z])(?<!\bMc)(?<!\bMac)(?=[A-Z])", " ", text)
    text = re.sub(r"_|::|(?<=\w)\(\)", " ", text)
    return text


def words_of(text, reference=True):
    if reference:
        text = spoken_forms(text)
    text = text.lower()
    text = text.replace("%", " percent").replace("&", " and ")
    text = re.sub(r"(?<=\d)[–-](?=\d)", " to ", text)
    out = []
    for raw in re.split(r"[\s\-–—/]+", text):
        token = raw.strip(".,;:!?\"'()[]{}“”‘’…*")
        if not token:
            continue
        if re.search(r"\d", token):
            out.extend(number_words(token).split())
        else:
            token = re.sub(r"[^a-z0-9']", "", token).strip("'")
            if token:
                out.append(SPELLING.get(token, token))
    return out


def levenshtein(ref, hyp):
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1]


def parse_vtt(path):
    cues = []
    lines = open(path, encoding="utf-8").read().splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"(\d+):(\d+):(\d+\.\d+) --> (\d+):(\d+):(\d+\.\d+)", lines[i])
        if m:
            start = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
            end = int(m.group(4)) * 3600 + int(m.group(5)) * 60 + float(m.group(6))
            text = []
            i += 1
            while i < len(lines) and lines[i].strip():
                text.append(lines[i])
                i += 1
            body = " ".join(text)
            v = re.match(r"<v ([^>]+)>(.*)", body)
            speaker, body = (v.group(1), v.group(2)) if v else ("?", body)
            cues.append((start, end, speaker, html.unescape(re.sub(r"</?[^>]+>", "", body)).strip()))
        i += 1
    return cues


def spans(cues):
    """Each voice's stretches of continuous speech: consecutive cues of one speaker closer than a change of speaker
    (the app pauses 0.35 s there, 0.2 s between two turns of one speaker and 0 between the cues of one turn) joined.
    A long turn is split into cues timed by character count, so a cue boundary can fall inside a word; cutting each
    cue on its own with margins played up to 0.3 s twice and put 0.4 s of silence inside words (heard as "harbor
    harbor", "four point four point five"): errors of the cut, not of the speech (fixed 2026-12-04)."""
    out = []
    for start, end, speaker, text in cues:
        if out and out[-1][2] == speaker and start - out[-1][1] < 0.3:
            out[-1] = (out[-1][0], end, speaker, out[-1][3] + " " + text)
        else:
            out.append((start, end, speaker, text))
    return out


def transcribe(samples, rate, tmp, name):
    path = os.path.join(tmp, name + ".wav")
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples)
    result = subprocess.run(["pocketsphinx_continuous", "-infile", path, "-logfn", "/dev/null"],
                            capture_output=True, text=True, check=True)
    words = []
    for line in result.stdout.splitlines():
        for w in line.lower().split():
            w = re.sub(r"\(\d+\)$", "", w)
            if not (w.startswith("<") or w.startswith("[") or w.startswith("++")):
                words.append(SPELLING.get(w, w))
    return words


def sentences(text):
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 2]


def main():
    mp3, vtt, title = sys.argv[1], sys.argv[2], sys.argv[3]
    cues = parse_vtt(vtt)
    rate = 16000
    with tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "all.wav")
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", mp3, "-ac", "1", "-ar", str(rate), "-sample_fmt", "s16",
                        wav], check=True)
        with wave.open(wav) as w:
            audio = w.readframes(w.getnframes())
        per_voice = defaultdict(list)
        for start, end, speaker, text in spans(cues):
            per_voice[speaker].append((start, end, text))
        silence = b"\0\0" * int(0.4 * rate)
        totals = [0, 0]
        rows = []
        for speaker, items in per_voice.items():
            chunk = bytearray()
            ref = []
            for start, end, text in items:
                a = max(0, int((start - 0.1) * rate)) * 2
                b = min(len(audio), int((end + 0.2) * rate) * 2)
                chunk += audio[a:b] + silence
                ref += words_of(text)
            hyp = transcribe(bytes(chunk), rate, tmp, re.sub(r"\W", "_", speaker))
            if os.environ.get("BENCH_DEBUG"):
                print(f"  [{speaker}] reference: {' '.join(ref)}\n  [{speaker}] heard:     {' '.join(hyp)}")
            errors = levenshtein(ref, hyp)
            totals[0] += errors
            totals[1] += len(ref)
            rows.append((speaker, errors, len(ref)))
    for speaker, errors, n in rows:
        print(f"  WER {speaker:<10} {100.0 * errors / max(1, n):5.1f} %  ({errors} errors / {n} words)")
    print(f"  WER overall    {100.0 * totals[0] / max(1, totals[1]):5.1f} %  ({totals[0]} / {totals[1]})")
    # Script checks: second host's share of words, lines repeated within 5 minutes, title suffix.
    words_by = defaultdict(int)
    for _, _, speaker, text in cues:
        words_by[speaker] += len(text.split())
    order = list(dict.fromkeys(c[2] for c in cues))
    if len(order) >= 2:
        share = 100.0 * words_by[order[1]] / max(1, sum(words_by.values()))
        print(f"  second host ({order[1]}) share of words: {share:.1f} %")
    seen = {}
    repeats = []
    for start, _, _, text in cues:
        for s in sentences(text):
            key = " ".join(words_of(s))
            if key in seen and start - seen[key] < 300:
                repeats.append(s)
            seen[key] = start
    print(f"  lines repeated within 5 minutes: {len(repeats)}" + "".join(f"\n    - {r}" for r in repeats[:5]))
    suffix = re.search(r"\s(?:[-|–—:]{1,2}|::)\s|›|»", title)
    print(f"  title: {title!r} ({'HAS a site suffix or breadcrumb' if suffix else 'no site suffix'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
