"""Closed-class words the urgency rules reason with, per language (normalised: lower case, no accents, no
apostrophes -- see textutil.normalise).

These are grammar, not phrases: negation words, first-person "I am N / I have N years" forms, words for
"since / when I was", school-year systems, second-person forms, laughter markers. They are written from
knowledge of the languages, not from any message.
"""
from __future__ import annotations

# --------------------------------------------------------------------------- negation
NEGATION = {
    "en": "not no never nobody noone nothing none nor neither dont doesnt didnt isnt arent wasnt werent wont "
          "wouldnt cant cannot couldnt havent hasnt hadnt aint shouldnt",
    "de": "nicht nichts nie niemals kein keine keinen keinem keiner keines niemand niemanden niemandem nix ned "
          "net nimmer nod",
    "fr": "ne pas jamais personne rien aucun aucune nullement nest nai netait netais ny nen",
    "es": "no nunca jamas nadie nada ningun ninguna ninguno tampoco ni",
    "it": "non mai nessuno nessuna niente nulla nemmeno neanche neppure",
    "pt": "nao nunca jamais ninguem nada nenhum nenhuma nem",
    "nl": "niet nooit geen niemand niets niks nergens",
    "pl": "nie nigdy nikt nic nikogo niczego nikomu zaden zadna zadne zadnego zadnej ani",
    "tr": "degil degilim degilsin degildir degiliz yok hic hicbir hickimse kimse asla",
    "ar": "لا لم لن ليس لست ليست ما مش مو مب مافي محد ولا ابدا ماني مانيش مش mesh mish msh mch mafi ma7ad "
          "mashi machi",
    "fi": "en et ei emme ette eivat ala alkaa koskaan kukaan mitaan eika enka etka",
    "sv": "inte ej aldrig ingen inget inga ingenting ingenstans varken int",
}
# Turkish and Arabic also negate inside the word.
NEGATION_AFFIX = {
    "tr": r"\w+(?:m[iu]yor|m[ae]y[ae]c[ae]k|m[ae]d[iu]|m[ae]z)\w*",
    "ar": r"ما\w+ش",
}
# In French "ne ... pas": the glued forms lose their n when the negation is taken away.
UNGLUE = {"nest": "est", "nai": "ai", "netait": "etait", "netais": "etais", "ny": "y", "nen": "en"}
# "not sure / don't know if": a negation that hedges, it does not deny.
HEDGE = {
    "en": "sure know if whether",
    "de": "sicher weiss ob",
    "fr": "sur sure sais si",
    "es": "seguro segura se si",
    "it": "sicuro sicura so se",
    "pt": "certeza sei se",
    "nl": "zeker weet of",
    "pl": "pewien pewna wiem czy",
    "tr": "emin bilmiyorum",
    "ar": "متأكد متاكد متأكدة اعرف عارف اذا",
    "fi": "varma tieda tiia",
    "sv": "saker vet om",
}

# --------------------------------------------------------------------------- clauses
CONJUNCTIONS = {
    "en": "and but because", "de": "und aber sondern weil denn", "fr": "et mais car parce",
    "es": "y pero sino porque", "it": "e ma perche pero", "pt": "e mas porque",
    "nl": "en maar omdat want", "pl": "i ale bo poniewaz", "tr": "ve ama fakat cunku",
    "ar": "لكن بس لان", "fi": "ja mutta koska", "sv": "och men eftersom",
}
ALL_CONJUNCTIONS = {w for v in CONJUNCTIONS.values() for w in v.split()}

# --------------------------------------------------------------------------- the writer's age
# "I am N", "I have N years": the words right before the number (1-3 tokens), per language.
AGE_SELF = {
    "en": ["im", "i am", "im only", "i am only", "im just", "i am just", "im barely", "me"],
    "de": ["ich bin", "bin", "bin erst", "ich bin erst", "i bin", "ich bi", "bin grad", "bin gerade", "bin nur"],
    "fr": ["jai", "j ai", "jai que", "jai seulement", "jai juste", "moi"],
    "es": ["tengo", "tengo solo", "tengo apenas", "tengo solamente", "yo tengo"],
    "it": ["ho", "ho solo", "ho appena", "io ho"],
    "pt": ["tenho", "tenho so", "tenho apenas", "eu tenho"],
    "nl": ["ik ben", "ben", "ik ben pas", "ben pas", "ik ben nog maar", "ben net"],
    "pl": ["mam", "mam dopiero", "mam tylko", "ja mam", "mam juz"],
    "tr": ["ben", "yasim"],
    "ar": ["عمري", "انا", "عندي", "3omri", "3mri", "ana", "3andi", "omri"],
    "fi": ["oon", "olen", "ma oon", "mina olen", "oon vasta", "olen vasta", "oon vaan"],
    "sv": ["jag ar", "jag ar bara", "jag ar endast", "^ar", "^ar bara"],
}
# Words for "years (old)" that may follow the number.
AGE_UNIT = set(
    "yo y years year yrs old jahre jahr jahrig jahrige ans anos anni ano jaar jaren lat lata lati yasinda "
    "yasindayim yasindayim yas yasimda سنة سنين سنه عام sana sanawat vuotias v vuotiaana ar gammal "
    "m f".split())
# Words that make a following number a PAST age: "since I was 14", "when I was 13", "at 19".
AGE_PAST = set(
    "since when from at was age ago seit als mit damals war wo seitdem depuis quand a avais javais etais "
    "desde cuando tenia a los era da quando avevo ero dai desde quando tinha aos era sinds toen was op "
    "od kiedy gdy mialem mialam bylem bylam beri iken yasimdan yasindayken oldugumda منذ لما كنت وانا من "
    "kun olin lahtien asti sedan nar var".split())
# Ages given as "N-year-old" without an I-form are someone else's.
SCHOOL_NUMBERED = [
    # a school year with its number: specific enough to look for in every language (code-switching)
    r"\b(?:year|yr|grade|gr)\s?(?:[5-9]|1[0-3])\b", r"\b(?:[5-9]|1[0-2])(?:th)?\s?grade\b",
    r"\b(?:[5-9]|1[0-3])\s?(?:te|ten|ter)?\s?klasse\b", r"\bklasse\s?(?:[5-9]|1[0-3])\b",
    r"\bin der (?:[5-9]|1[0-3])\s?(?:te|ten|ter|n)?\b",
    r"\ben (?:6e|5e|4e|3e|6eme|5eme|4eme|3eme|seconde|premiere|terminale|2nde|1ere)\b", r"\bsec(?:ondaire)? [1-5]\b",
    r"\b[1-6] ?(?:o|do|ro|to|er)? (?:de )?(?:la )?(?:eso|secu|secundaria|prepa|bachillerato|bachi)\b",
    r"\b(?:prima|seconda|terza|quarta|quinta) (?:media|superiore|liceo)\b",
    r"\b(?:primo|secondo|terzo|quarto|quinto) anno (?:di |del |dell |della |dell)?(?:liceo|superiori|itis|iti|ipsia|istituto)\b",
    r"\b(?:[5-9]|1[0-2])o? ano\b", r"\b(?:ando|estou|to|tou|sou do) no (?:[5-9]|1[0-2])o?\b",
    r"\bgroep [5-8]\b", r"\b[1-6](?:e|de)? (?:klas )?(?:havo|vwo|vmbo|gym)\b",
    r"\b[1-8] klas\w*\b", r"\bklas\w* [1-8]\b", r"\b(?:w )?(?:pierwszej|drugiej|trzeciej|czwartej|piatej|szostej|siodmej|osmej) klas\w*\b",
    r"\b(?:[5-9]|1[0-2]) sinif\w*\b", r"\b[1-6]e klas\b",
    r"\b[7-9] luokalla\b", r"\blukion (?:ekalla|tokalla|kolmannella|ensimmaisella|toisella|ekaluokalla)\b",
    r"\b(?:ak|arskurs) [5-9]\b", r"\b[7-9] an\b", r"\b(?:forsta|andra|tredje) aret pa gymnasiet\b",
    r"\b(?:in transition year|junior cert year|leaving cert year)\b",
]
SCHOOL_SELF = {
    # school words without a number, looked for only in the message's own languages
    "en": [r"\b(?:freshman|sophomore|sixth former|middle school|high school|secondary school|gcses?)\b"],
    "de": [r"\b(?:realschule|hauptschule|gymnasium|oberstufe|gesamtschule)\b"],
    "fr": [r"\b(?:au college|au lycee|en secondaire)\b"],
    "es": [r"\b(?:en|de) la eso\b", r"\b(?:en la secu|en secundaria|en la prepa|en bachillerato)\b"],
    "it": [r"\b(?:alle medie|al liceo|alle superiori)\b"],
    "pt": [r"\b(?:ensino medio|ensino basico|no secundario)\b"],
    "nl": [r"\b(?:brugklas|middelbare|onderbouw)\b"],
    "pl": [r"\b(?:w liceum|w gimnazjum|w podstawowce|w technikum)\b"],
    "tr": [r"\b(?:lisedeyim|ortaokuldayim|lise [1-4])\b"],
    "ar": [r"الصف", r"ثانوي", r"اعدادي"],
    "fi": [r"\b(?:seiskalla|kasilla|ysilla)\b", r"\b(?:lukiossa|ylakoulussa|ylaasteella|ammattikoulussa)\b"],
    "sv": [r"\b(?:sjuan|attan|nian)\b", r"\b(?:pa gymnasiet|pa hogstadiet|gar i)\b"],
}
# "my year 10 students", "pupils in 8th grade": school years of others (a teacher, a parent).
SCHOOL_OTHERS = set(
    "students pupils class kids son daughter my his her their schuler schulerin schulerinnen meine meiner meinem "
    "sohn tochter eleves eleve fils fille mes alumnos alumnas hijo hija mis alunni alunne figlio figlia miei "
    "alunos alunas alunas filho filha meus minhas leerlingen zoon dochter mijn uczniow uczniowie syn corka moi "
    "ogrenci ogrencilerim oglum kizim طلاب ابني بنتي oppilaat oppilaita poika tytar elever son dotter mina".split())

# "you are 12": an age given to the one addressed, as in a role play.
AGE_YOU = {
    "en": ["youre", "you are", "u r", "ur", "you be", "pretend youre", "pretend you are"],
    "de": ["du bist", "bist du", "du bist erst"],
    "fr": ["tu as", "tas", "tu aurais", "tu serais"],
    "es": ["tienes", "tu tienes", "tendras", "serias"],
    "it": ["hai", "tu hai", "avresti"],
    "pt": ["tens", "voce tem", "tu tens", "tem"],
    "nl": ["jij bent", "je bent", "ben jij", "ben je"],
    "pl": ["masz", "ty masz", "jestes"],
    "tr": ["sen"],
    "ar": ["انت", "انتي", "عمرك", "enta", "enti", "inti", "3omrek"],
    "fi": ["oot", "olet", "sa oot", "sina olet"],
    "sv": ["du ar", "ar du"],
}

# --------------------------------------------------------------------------- joking register
LAUGHTER_WORDS = r"\b(?:a?(?:ha){2,}h?|(?:he){2,}|(?:hi){2,}|lol+|lmao+|rofl|xd+|mdr+|ptdr|(?:ja){2,}|(?:je){2,}|k{3,}|" \
                 r"(?:rs){2,}|(?:ah){2,}|ه{3,}|hah+a*|buaha\w*|jiji\w*)\b"
LAUGHTER_EMOJI = "😂🤣😅😆😹🙃😜😝😄😁😛😉🤪"

# --------------------------------------------------------------------------- what a denial denies
# Word stems (prefix match on normalised words; a leading '~' means "contains") naming an urgent state. Inside
# the scope of a negation ("not suicidal", "nobody is in danger", "no emergency") they deny urgency. Words for
# living, going on, being safe are NOT here: negating those makes a message more urgent, not less.
DENIED_CRISIS = (
    "suicid suizid selbstmord zelfmoord samobojst samobojcz intihar ~نتحر itsemurh itsetuho sjalvmord "
    "selbstverletz automutil autolesion zelfbeschadig samookalecz itsetuhois sjalvskad selfharm "
    "kill killing ~umbring matarme uccidermi suicidarme tuer zabic zabije oldurmek tappaa tappaisin "
    "tot dead dood morto muerto mort martwy olmek kuolla doden").split()
DENIED_DANGER = (
    "danger gefahr gefahrd peligro pericol perigo gevaar niebezpiecz tehlike ~خطر vaara vaarassa fara "
    "emergenc notfall urgenc urgenz noodgeval nood nagl acil ~طوار ~طارئ hata nodlage akut "
    "hurt harm touch abuse wehgetan angefasst missbraucht getan gemacht fait touche blesse agresse "
    "hecho tocado hice lastimado fatto toccato fatto fiz feito toquei machuquei gedaan aangeraakt "
    "zrobil zrobilem skrzywdz dotkn yapmadim dokunmadim zarar ~اذي ~لمس tehny tehnyt koskenu satuttanu "
    "gjort rort skadat happened passiert arrive pasado successo aconteceu gebeurd stalo oldu tapahtunu hant").split()
# How far a negation reaches: words after it (and before it, for languages that negate after the verb).
NEGATION_SCOPE_AFTER = 5
NEGATION_SCOPE_BEFORE = {"tr": 3, "fi": 0}

# --------------------------------------------------------------------------- own use vs request vs report
# Word stems (prefix match on normalised words). A request has the form of one (seeking, asking to be sent or
# given; left to the model); talking about one's own use and wanting to stop is a need; wanting to report is a report.
STOP_USE = (
    "stop quit stopp aufhor aufhoer loswerd arret arreter dejar dejarlo parar smett stopp stoppen ophouden "
    "przestac przestan skonczyc birak birakmak vazgec ~وقف ~بطل abattal lopett lopeta sluta slutar").split()
REPORT = (
    "report melden meld mald signal denunci report segnal denunc aangift zglos zglas bildir sikayet ihbar "
    "~بلغ ~ابلاغ ~تبليغ ilmoit ilmot anmal tipsa").split()

