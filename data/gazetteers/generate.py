#!/usr/bin/python3
# generate.py: writes the gazetteers loc.txt, pers.txt, org.txt and
# misc.txt from data that Debian packages ship (see README.md for the
# sources and their licences):
#
#   apt-get install iso-codes libgweather-4-common libgeonames-common \
#                   python3-icu php-faker ruby-faker hunspell-ar
#   /usr/bin/python3 data/gazetteers/generate.py
#
# One entry a line, as spelled in the source, words separated by one space.
# Only entries written in Arabic letters are kept; text in parentheses is
# dropped and "A، B" lists are split.  Which entries are too common as
# ordinary words to help (على، إلى) is decided by the trainer, from the
# training corpus, not here.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import gettext
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LOCALE = "/usr/share/locale/ar/LC_MESSAGES"
ARABIC_ENTRY = re.compile(r"^[\u0621-\u064A\u0670-\u06D3 ]+$")
MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640\u200C-\u200F]")


def clean(text):
    """Splits a source string into the Arabic entries it holds."""
    text = re.sub(r"\([^)]*\)", " ", text)
    out = []
    for part in re.split(r"[،,/؛;]", text):
        part = MARKS.sub("", part)
        part = " ".join(part.split())
        if part and ARABIC_ENTRY.match(part) and len(part.split()) <= 5 and len(part) >= 2:
            out.append(part)
    return out


def mo_values(name):
    path = os.path.join(LOCALE, name + ".mo")
    if not os.path.exists(path):
        sys.exit(f"error: {path} missing (see the apt-get line at the top)")
    with open(path, "rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    return [v for k, v in catalog.items() if k and isinstance(v, str)]


def icu_regions():
    import icu

    ar = icu.Locale("ar")
    regions = {}
    codes = list(icu.Locale.getISOCountries())
    # UN M.49 groupings that CLDR names (continents and regions).
    codes += ["001", "002", "003", "005", "009", "011", "013", "014", "015", "017", "018",
              "019", "021", "029", "030", "034", "035", "039", "053", "054", "057", "061",
              "142", "143", "145", "150", "151", "154", "155", "419"]
    for code in codes:
        name = icu.Locale("und", code).getDisplayCountry(ar)
        if name and name != code:
            regions[code] = name
    orgs = []
    for code in ("EU", "UN"):
        name = icu.Locale("und", code).getDisplayCountry(ar)
        if name and name != code:
            orgs.append(name)
    return list(regions.values()), orgs


def php_array(text, name):
    m = re.search(r"\$" + name + r"\s*=\s*\[(.*?)\];", text, re.S)
    return re.findall(r"'([^']*)'", m.group(1)) if m else []


def faker_names():
    first, last = [], []
    base = "/usr/share/php/Faker/Provider"
    for loc in ("ar_SA", "ar_JO", "ar_EG"):
        path = os.path.join(base, loc, "Person.php")
        if not os.path.exists(path):
            sys.exit(f"error: {path} missing (php-faker)")
        text = open(path, encoding="utf-8").read()
        first += php_array(text, "firstNameMale") + php_array(text, "firstNameFemale")
        last += php_array(text, "lastName")
    yml = None
    for root, _, files in os.walk("/usr/share/rubygems-integration/all/gems"):
        if root.endswith("lib/locales") and "ar.yml" in files and "faker" in root:
            yml = os.path.join(root, "ar.yml")
    if yml is None:
        sys.exit("error: ruby-faker's locales/ar.yml missing (ruby-faker)")
    for line in open(yml, encoding="utf-8"):
        m = re.match(r"\s*(male_first_name|female_first_name|last_name):\s*\[(.*)\]", line)
        if m:
            items = [x.strip().strip("'\"") for x in m.group(2).split(",")]
            (last if m.group(1) == "last_name" else first).extend(items)
    return first + last


def hunspell_names():
    """The proper names of the Ayaspell dictionary: places and people."""
    path = "/usr/share/hunspell/ar.dic"
    if not os.path.exists(path):
        sys.exit(f"error: {path} missing (hunspell-ar)")
    places, people = [], []
    section = None
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line.startswith("#"):
            section = ("loc" if line in ("#القارات", "#البلدان", "#العواصم")
                       else "pers" if line == "##اسماء،أشخاص##"
                       else section if section and not line.startswith("##") else None)
            continue
        if section and line:
            word = line.split("\t", 1)[0].split("/", 1)[0]
            (places if section == "loc" else people).append(word)
    return places, people


def written_entries(name):
    """The entries of a list written by hand for the project (# comments)."""
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def write(name, header, entries):
    uniq = set()
    for e in entries:
        uniq.update(clean(e))
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8") as out:
        out.write(header)
        for e in sorted(uniq):
            out.write(e + "\n")
    print(f"{path}: {len(uniq)} entries", file=sys.stderr)


def main():
    regions, region_orgs = icu_regions()
    places, people = hunspell_names()
    write("loc.txt",
          "# Place names: ISO 3166 (iso-codes, LGPL-2.1+), libgweather locations "
          "(GPL-2+),\n# GeoNames via libgeonames (CC BY 4.0), CLDR via ICU (Unicode "
          "licence), Ayaspell\n# (GPL-2+).  Generated by generate.py, do not edit.\n",
          mo_values("iso_3166-1") + mo_values("iso_3166-3")
          + mo_values("libgweather-4.0-locations") + mo_values("geonames") + regions + places)
    write("pers.txt",
          "# Given and family names: Faker (php-faker, ruby-faker; MIT/Expat), Ayaspell "
          "(GPL-2+).\n# Generated by generate.py, do not edit.\n",
          faker_names() + people)
    write("org.txt",
          "# Organizations named by CLDR via ICU (Unicode licence) and those of\n"
          "# organizations.txt (written for Alama, GPL-3+).\n"
          "# Generated by generate.py, do not edit.\n",
          region_orgs + written_entries("organizations.txt"))
    write("misc.txt",
          "# Currencies: ISO 4217 (iso-codes, LGPL-2.1+).\n"
          "# Generated by generate.py, do not edit.\n",
          mo_values("iso_4217"))


if __name__ == "__main__":
    main()
