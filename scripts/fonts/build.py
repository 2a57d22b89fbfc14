#!/usr/bin/python3
"""Convert and subset the gongwen fonts (run by scripts/fonts/build.sh).

Usage: build.py SRC_ROOT OUT_DIR [FACE...]

SRC_ROOT is a directory into which the Debian packages were extracted with
dpkg-deb -x; OUT_DIR receives the TrueType files (of the FACEs named, or all).
Needs Debian's
python3-fonttools. Output is deterministic: head.created is kept from the
source, head.modified is set from SOURCE_DATE_EPOCH, nothing depends on the
clock, the locale or dict ordering.
"""
import datetime
import io
import os
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

NOTO = "usr/share/fonts/opentype/noto/"
FANDOL = "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/"
NOTO_SC = 2  # index of the Simplified Chinese face in the Noto CJK .ttc files

# Tables gopdf needs (plus OS/2 and name, which it reads for metrics and flags).
KEEP_TABLES = {"head", "hhea", "maxp", "OS/2", "hmtx", "cmap", "loca", "glyf", "name", "post"}


def gb2312():
    """Every character of GB 2312 (682 symbols and 6763 hanzi)."""
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


def rng(a, b):
    return set(range(a, b + 1))


# Punctuation and symbols every face keeps (whatever the source has of them).
PUNCT = (
    rng(0x20, 0x7E)            # ASCII
    | rng(0xA0, 0xFF)          # Latin-1 supplement (punctuation, ×, ÷, ·)
    | rng(0x2000, 0x206F)      # General Punctuation: — – ‘ ’ “ ” … ‰ ※
    | rng(0x20A0, 0x20CF)      # currency symbols: €
    | rng(0x2460, 0x24FF)      # ①⑴⒈ enclosed alphanumerics
    | {0x2116, 0x2103, 0x2030, 0x203B, 0x2605, 0x2606, 0x25CB, 0x25CF, 0x25A1, 0x25A0, 0x25B3, 0x25B2, 0x25C6, 0x25C7, 0x30FB}
    | rng(0x2160, 0x217F)      # Roman numerals Ⅰ–Ⅻ
    | rng(0x3000, 0x303F)      # CJK Symbols and Punctuation: 、。〈〉《》「」『』【】〔〕〖〗
    | rng(0x3220, 0x3243)      # ㈠–㈩ parenthesized ideographs
    | rng(0x3380, 0x33DF)      # squared units: ㎡ ㎏ ㎞
    | rng(0xFE30, 0xFE4F)      # CJK compatibility forms
    | rng(0xFF01, 0xFF5E)      # Fullwidth ASCII forms （）：；，？！０–９
    | rng(0xFF5F, 0xFFEF)      # Halfwidth/fullwidth forms ￥ ｟ ｠
)
GB2312 = gb2312()
GB2312_HANZI = {c for c in GB2312 if 0x4E00 <= c <= 0x9FFF}

# Extra scripts and symbols for the fallback (foreign names, pinyin, symbols).
EXTRA = (
    rng(0x0100, 0x02FF)        # Latin Extended-A/B, IPA, spacing modifiers
    | rng(0x0370, 0x04FF)      # Greek, Cyrillic
    | rng(0x1E00, 0x1EFF)      # Latin Extended Additional
    | rng(0x2100, 0x23FF)      # letterlike, number forms, arrows, maths, technical
    | rng(0x2500, 0x27BF)      # box drawing, shapes, misc symbols, dingbats
    | rng(0x3040, 0x312F)      # kana, bopomofo
    | rng(0x31A0, 0x31FF)      # bopomofo ext., CJK strokes, kana ext.
    | rng(0x3200, 0x33FF)      # enclosed CJK, CJK compatibility
    | rng(0xFE10, 0xFE1F)      # vertical forms
)
# Ideographs outside GB 2312 (unified, Ext. A–G, compatibility, radicals).
HAN = (rng(0x2E80, 0x2FDF) | rng(0x3400, 0x4DBF) | rng(0x4E00, 0x9FFF) | rng(0xF900, 0xFAFF)
       | rng(0x20000, 0x3FFFF))

# Characters each face must have; the build fails if one is missing.
REQUIRED = set(map(ord, "—（）〔〕【】《》“”：；，。、？！0123456789"))

FACES = [
    # face: name in the Go package; out: output file; src: source file under SRC_ROOT;
    # index: font number in a .ttc; keep: code points kept (None = all the source has);
    # need: code points that must be there; fwid: full-width punctuation (see FULLWIDTH);
    # what: the change, written into the font's name table (ID 10).
    dict(face="fangsong", out="FandolFang-Regular.ttf", src=FANDOL + "FandolFang-Regular.otf",
         index=None, keep=None, need=REQUIRED | GB2312_HANZI,
         what="converted from CFF to TrueType, layout and vertical tables removed, all characters kept"),
    dict(face="hei", out="NotoSansCJKsc-Regular-GB.ttf", src=NOTO + "NotoSansCJK-Regular.ttc",
         index=NOTO_SC, fwid=True, keep=PUNCT | GB2312, need=REQUIRED | GB2312_HANZI,
         what="converted from CFF to TrueType, subset to GB 2312 and punctuation, "
              "full-width glyphs for the em dash and middle dot"),
    dict(face="xiaobiaosong", out="NotoSerifCJKsc-Bold-GB.ttf", src=NOTO + "NotoSerifCJK-Bold.ttc",
         index=NOTO_SC, fwid=True, keep=PUNCT | GB2312, need=REQUIRED | GB2312_HANZI,
         what="converted from CFF to TrueType, subset to GB 2312 and punctuation, "
              "full-width glyphs for the em dash and middle dot"),
    dict(face="fallback", out="NotoSansCJKsc-Regular-Ext.ttf", src=NOTO + "NotoSansCJK-Regular.ttc",
         index=NOTO_SC, fwid=True, keep=(PUNCT | GB2312 | EXTRA | HAN) - GB2312_HANZI, need=REQUIRED,
         what="converted from CFF to TrueType, subset to the ideographs outside GB 2312 "
              "(GB 2312 hanzi removed), punctuation and symbols, full-width glyphs for the em dash "
              "and middle dot"),
    dict(face="song", out="NotoSerifCJKsc-Regular-Symbols.ttf", src=NOTO + "NotoSerifCJK-Regular.ttc",
         index=NOTO_SC, fwid=True, keep=PUNCT | (GB2312 - GB2312_HANZI), need=REQUIRED,
         what="converted from CFF to TrueType, subset to ASCII, punctuation and the GB 2312 "
              "symbols (no hanzi), full-width glyphs for the em dash and middle dot"),
]


# Punctuation that Chinese text sets on a full em (一字线 — for page numbers and
# 破折号, 间隔号 ·, 省略号 …, quotes). Noto CJK maps some of these to
# proportional glyphs (— is 0.89 em, · 0.33 em in the Serif) and reaches the
# full-width ones through GSUB 'fwid', which is dropped; point the cmap at the
# 'fwid' glyphs instead.
FULLWIDTH = "\u2014\u00B7\u2016\u2026\u2018\u2019\u201C\u201D"


def use_fwid(font, chars):
    gsub = font["GSUB"].table
    lookups = set()
    for rec in gsub.FeatureList.FeatureRecord:
        if rec.FeatureTag == "fwid":
            lookups.update(rec.Feature.LookupListIndex)
    subst = {}
    for i in sorted(lookups):
        lookup = gsub.LookupList.Lookup[i]
        for st in lookup.SubTable:
            if lookup.LookupType == 7:  # extension
                st = st.ExtSubTable
            if st.LookupType == 1:
                subst.update(st.mapping)
    for table in font["cmap"].tables:
        for c in map(ord, chars):
            g = table.cmap.get(c)
            if g in subst:
                table.cmap[c] = subst[g]


def epoch_1904(ts):
    return int(ts) + 2082844800  # seconds from 1904-01-01 to 1970-01-01


def to_truetype(font, max_err=1.0):
    """CFF → glyf with cu2qu (fontTools' otf2ttf recipe)."""
    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(gs)
        gs[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    glyf.compile(font)  # computes bounding boxes
    hmtx = font["hmtx"]
    for name, g in glyphs.items():
        adv = hmtx[name][0]
        hmtx[name] = (adv, getattr(g, "xMin", 0) if g.numberOfContours else 0)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for k in ("maxZones",):
        setattr(maxp, k, 1)
    for k in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
              "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, k, 0)
    font.sfntVersion = "\x00\x01\x00\x00"


def reorder_by_codepoint(font):
    """Number glyphs in code point order: the format 4 cmap then needs only
    idDelta segments (small, and never above the 64 KB format 4 limit)."""
    cmap = font.getBestCmap()
    order = [".notdef"]
    seen = {".notdef"}
    for cp in sorted(cmap):
        g = cmap[cp]
        if g not in seen:
            seen.add(g)
            order.append(g)
    glyf = font["glyf"]
    composite = any(glyf[g].isComposite() for g in font.getGlyphOrder())
    for g in font.getGlyphOrder():
        if g in seen:
            continue
        if composite:  # keep unmapped glyphs a composite may use
            seen.add(g)
            order.append(g)
        else:  # e.g. variation-sequence glyphs left over from the dropped format 14 cmap
            del glyf.glyphs[g]
            del font["hmtx"].metrics[g]
    glyf.glyphOrder = order
    font.setGlyphOrder(order)


def rebuild_cmap(font):
    best = font.getBestCmap()
    cmap = newTable("cmap")
    cmap.tableVersion = 0
    tables = []
    bmp = {c: g for c, g in best.items() if c <= 0xFFFF}
    t = CmapSubtable.newSubtable(4)
    t.platformID, t.platEncID, t.language, t.cmap = 3, 1, 0, bmp
    tables.append(t)
    if len(bmp) != len(best):
        t = CmapSubtable.newSubtable(12)
        t.platformID, t.platEncID, t.language, t.cmap = 3, 10, 0, dict(best)
        tables.append(t)
    cmap.tables = tables
    font["cmap"] = cmap


def add_notice(font, what, date):
    name = font["name"]
    notice = ("Modified on %s by the gongwen project's scripts/fonts/build.sh: %s "
              "(fontTools cu2qu, max error 1 unit)." % (date, what))
    # ID 10 = description; Windows English and Mac Roman records.
    name.setName(notice, 10, 3, 1, 0x409)
    name.setName(notice, 10, 1, 0, 0)


def build(spec, root, outdir, sde):
    src = os.path.join(root, spec["src"])
    font = TTFont(src, fontNumber=spec["index"] if spec["index"] is not None else -1,
                  recalcTimestamp=False, lazy=False)
    opts = subset.Options()
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.notdef_glyph = True
    opts.glyph_names = False
    opts.hinting = False
    opts.legacy_kern = False
    opts.recalc_timestamp = False
    opts.recalc_bounds = True
    opts.prune_unicode_ranges = True
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "VORG", "vhea", "vmtx",
                         "DSIG", "mort", "morx", "kern", "meta"]
    if spec.get("fwid"):
        use_fwid(font, FULLWIDTH)
    sub = subset.Subsetter(opts)
    have = {c for c in font.getBestCmap() if c >= 0x20 and not 0x7F <= c < 0xA0}  # no control codes
    keep = have if spec["keep"] is None else (spec["keep"] & have)
    sub.populate(unicodes=sorted(keep))
    sub.subset(font)
    if "CFF " in font:
        to_truetype(font)
    for tag in sorted(font.keys()):
        if tag != "GlyphOrder" and tag not in KEEP_TABLES:
            del font[tag]
    reorder_by_codepoint(font)
    rebuild_cmap(font)
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    date = datetime.datetime.fromtimestamp(sde, datetime.timezone.utc).strftime("%Y-%m-%d")
    add_notice(font, spec["what"], date)
    font["head"].modified = epoch_1904(sde)
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    data = buf.getvalue()

    # Verify the result.
    check = TTFont(io.BytesIO(data))
    assert data[:4] == b"\x00\x01\x00\x00", spec["out"]
    assert check["cmap"].getcmap(3, 1).format == 4, spec["out"]
    got = set(check.getBestCmap())
    missing = sorted(spec["need"] - got)
    if missing:
        sys.exit("%s: missing %s" % (spec["out"], " ".join("U+%04X" % c for c in missing)))
    best = check.getBestCmap()
    for c in FULLWIDTH if spec.get("fwid") else "\u2014":
        if ord(c) in best and check["hmtx"][best[ord(c)]][0] != check["head"].unitsPerEm:
            sys.exit("%s: U+%04X is not full-width" % (spec["out"], ord(c)))
    with open(os.path.join(outdir, spec["out"]), "wb") as f:
        f.write(data)
    print("%-36s %9d bytes %6d glyphs %6d chars" % (spec["out"], len(data), check["maxp"].numGlyphs, len(got)))


def main():
    root, outdir = sys.argv[1], sys.argv[2]
    sde = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    if sde <= 0:
        sys.exit("SOURCE_DATE_EPOCH must be set")
    only = set(sys.argv[3:])
    for spec in FACES:
        if not only or spec["face"] in only:
            build(spec, root, outdir, sde)


if __name__ == "__main__":
    main()
