import sys
from actions.safety import assess, _reader, MentionReader
from actions.nlp import get_pipeline, RED_FLAG_SPANS
from actions.knowledge import get_knowledge
nlp=get_pipeline(); k=get_knowledge(); r=_reader(k,nlp)
for t in sys.argv[1:]:
    doc=nlp(t)
    print("==", t)
    for sp in doc.spans[RED_FLAG_SPANS]:
        print("   ", sp.label_, "|", sp.text, "|", r.status(sp.sent, sp.start))
    a=assess(t)
    print("  ->", a.level, [(f.flag.id, f.status) for f in a.findings])
