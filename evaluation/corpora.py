"""The held-out corpora the kit's detectors are measured on: fetch them, and convert them to one format.

    python evaluation/corpora.py fetch      # download the files in corpora-manifest.tsv (needs a connection)
    python evaluation/corpora.py convert    # write <name>/{dev,test}.jsonl (and ptc/train.jsonl) for medialit evaluate --corpora

Files go to ``$MEDIALIT_CORPORA`` (default ``~/.cache/medialit/corpora``), never into the repository: the
corpora state no licence that allows copying them here. ``corpora-manifest.tsv`` pins every file to the
commit it was read at; a file marked incomplete is cut to the length that was measured. What each corpus
is, and how it is converted, is in ``README.md`` beside this script. Standard library only.
"""
import collections
import json
import os
import re
import sys
import unicodedata
import urllib.request
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get('MEDIALIT_CORPORA') or os.path.join(os.path.expanduser('~'), '.cache', 'medialit', 'corpora')
RAW = os.path.join(ROOT, 'raw')
STATS = {}
NOTES = collections.defaultdict(list)


def read_manifest():
    """(repo, path) -> row of corpora-manifest.tsv (repo, path, commit, chars, complete)."""
    with open(os.path.join(HERE, 'corpora-manifest.tsv'), encoding='utf-8') as f:
        lines = f.read().splitlines()
    header = lines[0].split('\t')
    return {(r['repo'], r['path']): r for r in (dict(zip(header, line.split('\t'))) for line in lines[1:] if line)}


def fetch():
    """Download every file of the manifest at its commit (raw.githubusercontent.com)."""
    for (repo, path), row in sorted(read_manifest().items()):
        dest = os.path.join(RAW, repo.replace('/', '__'), path)
        if os.path.exists(dest):
            continue
        url = 'https://raw.githubusercontent.com/%s/%s/%s' % (repo, row['commit'], path)
        with urllib.request.urlopen(url, timeout=60) as answer:
            text = answer.read().decode('utf-8', errors='replace')
        if row['complete'] != 'yes':
            text = text[:int(row['chars'])]       # the part that was measured
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, 'w', encoding='utf-8', newline='') as f:
            f.write(text)
        print('fetched', repo, path, len(text), 'characters')


def write_split(name, split, docs):
    os.makedirs(os.path.join(ROOT, name), exist_ok=True)
    path = os.path.join(ROOT, name, split + '.jsonl')
    with open(path, 'w', encoding='utf-8') as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + '\n')
    st = STATS.setdefault(name, {}).setdefault(split, {})
    st['documents'] = len(docs)
    st['characters'] = sum(len(d['text']) for d in docs)
    st['spans'] = dict(sorted(collections.Counter(
        '%s/%s' % (s['kind'], s['label']) for d in docs for s in d['spans']).items()))
    if any('sentences' in d for d in docs):
        st['sentences'] = sum(len(d.get('sentences', [])) for d in docs)
        st['hedged_sentences'] = sum(1 for d in docs for s in d.get('sentences', []) if s['hedged'])
    return path


def check_spans(doc):
    t = doc['text']
    for s in doc['spans']:
        assert 0 <= s['start'] < s['end'] <= len(t), (doc['id'], s)
    for s in doc.get('sentences', []):
        assert 0 <= s['start'] <= s['end'] <= len(t), (doc['id'], s)


# ---------------------------------------------------------------- PolNeAR (BRAT)
def convert_polnear():
    base = os.path.join(RAW, 'networkdynamics__PolNeAR', 'data')
    if not os.path.isdir(base):
        return
    for split in ('dev', 'test'):
        adir = os.path.join(base, split, 'attributions')
        docs = []
        if not os.path.isdir(adir):
            continue
        chosen = {}
        for a in sorted(os.listdir(adir)):           # one annotator version per article:
            art = a[:-4].rsplit('_', 1)[0]            # the first in sorted order
            chosen.setdefault(art, a)
        for art, a in sorted(chosen.items()):
            tpath = os.path.join(base, split, 'text', art + '.txt')
            if not os.path.exists(tpath):
                NOTES['polnear'].append('no text for %s/%s' % (split, a))
                continue
            text = open(tpath, encoding='utf-8', newline='').read()
            spans, seen = [], set()
            for line in open(os.path.join(adir, a), encoding='utf-8', newline=''):
                line = line.rstrip('\n')
                if not line.startswith('T'):
                    continue
                tid, mid, string = line.split('\t', 2)
                label, offs = mid.split(' ', 1)
                frags = [tuple(int(x) for x in p.split()) for p in offs.split(';')]
                assert ' '.join(text[x:y] for x, y in frags) == string, (art, tid)
                if label not in ('Cue', 'Source'):
                    continue
                kind = 'attribution' if label == 'Cue' else 'source'
                for x, y in frags:                     # discontinuous spans -> one span per fragment
                    if (x, y, kind) in seen or x == y:
                        continue
                    seen.add((x, y, kind))
                    spans.append({'start': x, 'end': y, 'kind': kind, 'label': label.lower()})
            spans.sort(key=lambda s: (s['start'], s['end'], s['kind']))
            doc = {'id': '%s/%s' % (split, a[:-4]), 'source': 'polnear', 'text': text, 'spans': spans}
            check_spans(doc)
            docs.append(doc)
        write_split('polnear', split, docs)


# ---------------------------------------------------------------- Szeged uncertainty XML
def _collect(elem, pieces, cues):
    """Flatten a <Sentence> element: pieces is a list of strings, cues (start,end,type) in raw offsets."""
    if elem.text:
        pieces.append(elem.text)
    for ch in elem:
        if ch.tag == 'ccue':
            start = sum(map(len, pieces))
            _collect(ch, pieces, cues)
            end = sum(map(len, pieces))
            cues.append((start, end, (ch.get('type') or '').strip()))
        else:
            _collect(ch, pieces, cues)
        if ch.tail:
            pieces.append(ch.tail)


def _normalise(raw):
    """Collapse whitespace runs to one space, strip ends; return (text, map raw index -> new index)."""
    out, mp, prev_space = [], [], True
    for ch in raw:
        if ch.isspace():
            if not prev_space:
                out.append(' ')
                mp.append(len(out) - 1)
            else:
                mp.append(len(out))
            prev_space = True
        else:
            out.append(ch)
            mp.append(len(out) - 1)
            prev_space = False
    text = ''.join(out)
    if text.endswith(' '):
        text = text[:-1]
    return text, mp


def _szeged_xml(path, partial):
    data = open(path, encoding='utf-8', newline='').read()
    if partial:
        # cut at the last complete </Document> and close the open elements
        cut = data.rfind('</Document>')
        assert cut > 0
        dropped = len(data) - (cut + len('</Document>'))
        data = data[:cut + len('</Document>')] + '</DocumentSet></Annotation>'
        NOTES[os.path.basename(path)].append(
            'partial file: cut after the last complete </Document>; %d trailing chars dropped' % dropped)
    # the DOCTYPE points at an external DTD we do not have; drop it before parsing
    data = re.sub(r'<!DOCTYPE[^>]*>', '', data, count=1)
    return ET.fromstring(data)


def convert_szeged(name, relpath):
    path = os.path.join(RAW, 'meyersbs__uncertainty', relpath)
    if not os.path.exists(path):
        return
    row = read_manifest().get(('meyersbs/uncertainty', relpath))
    partial = bool(row and row['complete'] != 'yes')
    root = _szeged_xml(path, partial)
    docs = []
    for di, d in enumerate(root.iter('Document')):
        docid = (d.findtext('DocID') or 'doc%d' % di).strip()
        text_parts, sents, spans, pos = [], [], [], 0
        for s in d.iter('Sentence'):
            pieces, cues = [], []
            _collect(s, pieces, cues)
            raw = ''.join(pieces)
            stext, mp = _normalise(raw)
            if not stext:
                continue
            if text_parts:
                pos += 1                                  # single joining space
            hedged = False
            for (a, b, typ) in cues:
                cue_raw = raw[a:b]
                cue_norm = ' '.join(cue_raw.split())
                if not cue_norm:
                    continue
                a2 = a + (len(cue_raw) - len(cue_raw.lstrip()))
                b2 = b - (len(cue_raw) - len(cue_raw.rstrip()))
                ns, ne = mp[a2], mp[b2 - 1] + 1
                assert stext[ns:ne] == cue_norm, (docid, stext[ns:ne], cue_norm)
                spans.append({'start': pos + ns, 'end': pos + ne, 'kind': 'hedge', 'label': typ})
                if typ.startswith('speculation'):
                    hedged = True
            sents.append({'start': pos, 'end': pos + len(stext), 'hedged': hedged})
            text_parts.append(stext)
            pos += len(stext)
        text = ' '.join(text_parts)
        assert len(text) == pos
        doc = {'id': docid, 'source': name, 'text': text, 'spans': spans, 'sentences': sents}
        check_spans(doc)
        docs.append(doc)
    # 50/50, alternating by document order
    write_split(name, 'dev', docs[0::2])
    write_split(name, 'test', docs[1::2])


# ---------------------------------------------------------------- PTC (SemEval-2020 Task 11)
PTC_KEEP = {'Loaded_Language', 'Name_Calling,Labeling'}


def _trailing_junk(ch):
    return ch.isspace() or unicodedata.category(ch).startswith('P')


def _ptc_labels(lines, labels):
    """Add the rows of a PTC technique-labels file (article id, technique, start, end) to ``labels``."""
    for line in lines:
        line = line.rstrip('\n')
        if line:
            aid, tech, s, e = line.split('\t')
            labels[aid].append((tech, int(s), int(e)))


def _ptc_docs(labels, adir, counts, articles=None):
    """One document per article of ``labels`` found in ``adir``, with its loaded-wording spans (an end is
    moved back over trailing spaces and punctuation). ``articles``: the manifest rows of the folder; when
    given, an article whose copy is incomplete or not of the pinned length is left out (a note says so)."""
    docs = []
    for aid in sorted(labels):
        p = os.path.join(adir, 'article%s.txt' % aid)
        if not os.path.exists(p):
            NOTES['ptc'].append('article %s listed in labels but not pulled' % aid)
            continue
        text = open(p, encoding='utf-8', newline='').read()
        if articles is not None:
            row = articles.get('article%s.txt' % aid)
            if row is None or row['complete'] != 'yes' or int(row['chars']) != len(text):
                NOTES['ptc'].append('article %s left out: its copy is not complete' % aid)
                continue
        spans, seen = [], set()
        for tech, s, e in labels[aid]:
            if tech not in PTC_KEEP:
                counts['label_rows_other_techniques_ignored'] += 1
                continue
            assert 0 <= s < e <= len(text), (aid, s, e)
            e0 = e
            while e > s and _trailing_junk(text[e - 1]):
                e -= 1
            if e != e0:
                counts['spans_end_moved_back_over_trailing_whitespace_or_punctuation'] += 1
            if e <= s:
                counts['spans_dropped_empty_after_trim'] += 1
                continue
            if '\ufffd' in text[s:e]:
                counts['spans_containing_U+FFFD_placeholder'] += 1
            if (s, e, tech) in seen:
                continue
            seen.add((s, e, tech))
            counts['loaded_spans_kept'] += 1
            spans.append({'start': s, 'end': e, 'kind': 'loaded', 'label': tech})
        spans.sort(key=lambda x: (x['start'], x['end'], x['label']))
        doc = {'id': 'article' + aid, 'source': 'ptc', 'text': text, 'spans': spans}
        check_spans(doc)
        docs.append(doc)
    return docs


def _ptc_counts():
    return collections.Counter({k: 0 for k in (
        'label_rows_other_techniques_ignored', 'loaded_spans_kept',
        'spans_end_moved_back_over_trailing_whitespace_or_punctuation', 'spans_dropped_empty_after_trim',
        'spans_containing_U+FFFD_placeholder')})


def convert_ptc():
    """PTC's development set, alternately into dev and test; and the articles of its training set that were
    copied whole, as a third reading set (train)."""
    base = os.path.join(RAW, 'aschern__semeval2020_task11', 'datasets')
    labf = os.path.join(RAW, 'DAMO-NLP-SG__PeerDA', 'SemEval', 'SemEval20', 'evaluation', 'data',
                        'dev-task-TC.labels')
    adir = os.path.join(base, 'dev-articles')
    if os.path.exists(labf) and os.path.isdir(adir):
        labels = collections.defaultdict(list)
        with open(labf, encoding='utf-8') as f:
            _ptc_labels(f, labels)
        counts = _ptc_counts()
        docs = _ptc_docs(labels, adir, counts)
        STATS.setdefault('ptc', {})['conversion'] = dict(counts)
        write_split('ptc', 'dev', docs[0::2])
        write_split('ptc', 'test', docs[1::2])
    ldir = os.path.join(base, 'train-labels-task2-technique-classification')
    tdir = os.path.join(base, 'train-articles')
    if os.path.isdir(ldir) and os.path.isdir(tdir):
        labels = collections.defaultdict(list)
        for name in sorted(os.listdir(ldir)):
            with open(os.path.join(ldir, name), encoding='utf-8') as f:
                _ptc_labels(f, labels)
        rows = {path.rsplit('/', 1)[1]: row for (repo, path), row in read_manifest().items()
                if repo == 'aschern/semeval2020_task11' and path.startswith('datasets/train-articles/')}
        counts = _ptc_counts()
        docs = _ptc_docs(labels, tdir, counts, rows)
        STATS.setdefault('ptc', {})['conversion_train'] = dict(counts)
        write_split('ptc', 'train', docs)


# ---------------------------------------------------------------- BABE
BABE = ('Media-Bias-Group/Neural-Media-Bias-Detection-Using-Distant-Supervision-With-BABE', 'data/final_labels_SG2.csv')


def _babe_word(text, word):
    """The first use of an annotated word in its sentence, as a whole word (the same case first, then any)."""
    pattern = r'(?<![\w’\'-])' + re.escape(word) + r'(?![\w’\'-])'
    return re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)


def convert_babe():
    """BABE (SG2): 3,674 sentences from news articles of 11 outlets, each with the words that expert
    annotators marked as biased. One sentence a document; whole articles alternate between dev and test
    (in the order their first sentence appears), so no article is in both."""
    p = os.path.join(RAW, BABE[0].replace('/', '__'), BABE[1])
    if not os.path.exists(p):
        return
    import ast
    import csv
    counts = collections.Counter({'biased_words_not_found': 0, 'biased_words_kept': 0, 'rows_unreadable': 0})
    splits = {'dev': [], 'test': []}
    article_split = {}
    with open(p, encoding='utf-8', newline='') as f:
        for i, row in enumerate(csv.DictReader(f, delimiter=';')):
            text = row.get('text') or ''
            raw = (row.get('biased_words') or '').strip()
            try:
                words = ast.literal_eval(raw) if raw.startswith('[') else []
            except (ValueError, SyntaxError):
                counts['rows_unreadable'] += 1
                NOTES['babe'].append('row %d: biased_words %r could not be read; the row is left out' % (i, raw[:60]))
                continue
            spans, seen = [], set()
            for w in words:
                m = _babe_word(text, w.strip())
                if not w.strip() or not m:
                    counts['biased_words_not_found'] += 1
                    continue
                if m.span() in seen:
                    continue
                seen.add(m.span())
                spans.append({'start': m.start(), 'end': m.end(), 'kind': 'loaded', 'label': 'biased_word'})
            counts['biased_words_kept'] += len(spans)
            doc = {'id': 'babe-%d' % i, 'source': 'babe', 'text': text, 'headline': False,
                   'outlet': row.get('outlet', ''), 'spans': sorted(spans, key=lambda s: s['start'])}
            check_spans(doc)
            link = row.get('news_link') or doc['id']
            split = article_split.setdefault(link, 'dev' if len(article_split) % 2 == 0 else 'test')
            splits[split].append(doc)
    STATS.setdefault('babe', {})['conversion'] = dict(counts, articles=len(article_split))
    for split, docs in splits.items():
        write_split('babe', split, docs)


# ---------------------------------------------------------------- ISOT news (benchmark text only)
ISOT_FILES = ('True.csv', 'Fake.csv')   # Reuters reports; articles from sites that fact-checkers flagged


def convert_isot():
    """Plain news articles for ``benchmarks/bench_annotate.py`` (no annotations, so never scored):
    ``isot/bench.jsonl``. The saved files are the first part of each CSV, so the row cut off at the end
    is dropped."""
    import csv
    import io
    base = os.path.join(RAW, 'Vatshayan__Fake-News-Prediction')
    docs, seen, cut = [], set(), 0
    for name in ISOT_FILES:
        p = os.path.join(base, name)
        if not os.path.exists(p):
            continue
        with open(p, encoding='utf-8', newline='') as f:
            raw = f.read()
        rows = list(csv.reader(io.StringIO(raw)))
        header, rows = rows[0], rows[1:]
        if rows and not raw.endswith('\n'):
            rows, cut = rows[:-1], cut + 1   # the row the saved part cuts off
        for i, row in enumerate(rows):
            if len(row) != len(header):
                NOTES['isot'].append('%s row %d: %d fields' % (name, i, len(row)))
                continue
            title, body = row[0].strip(), row[1].strip()
            if not body or body in seen:     # the CSVs repeat some articles
                continue
            seen.add(body)
            docs.append({'id': '%s-%d' % (name[:-4].lower(), i), 'source': 'isot',
                         'text': title + '\n\n' + body, 'spans': []})
    if docs:
        write_split('isot', 'bench', docs)
        STATS['isot']['conversion'] = {'rows_cut_off_at_the_end': cut}


def convert():
    convert_polnear()
    convert_szeged('factbank', 'corpora/old/factbank.xml')
    convert_szeged('wiki', 'corpora/old/wiki.xml')
    convert_ptc()
    convert_babe()
    convert_isot()
    STATS['notes'] = dict(NOTES)
    with open(os.path.join(ROOT, 'stats.json'), 'w', encoding='utf-8') as f:
        json.dump(STATS, f, indent=1, ensure_ascii=False)
    print(json.dumps({k: v for k, v in STATS.items() if k != 'notes'}, indent=1, ensure_ascii=False))


if __name__ == '__main__':
    steps = sys.argv[1:] or ['fetch', 'convert']
    for step in steps:
        {'fetch': fetch, 'convert': convert}[step]()
