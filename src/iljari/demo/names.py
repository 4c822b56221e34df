"""Name pools for synthetic people and companies (demo data only).

Korean surnames are weighted roughly by their share of the population (통계청 2015);
foreign residents' names are written in capitals as on a 외국인등록증.
"""

import random

KOREAN_SURNAMES = {
    "김": 214,
    "이": 147,
    "박": 84,
    "최": 47,
    "정": 43,
    "강": 24,
    "조": 21,
    "윤": 21,
    "장": 20,
    "임": 17,
    "한": 15,
    "오": 15,
    "서": 15,
    "신": 14,
    "권": 14,
    "황": 14,
    "안": 14,
    "송": 13,
    "전": 11,
    "홍": 11,
    "유": 11,
    "고": 9,
    "문": 9,
    "양": 9,
    "손": 9,
    "배": 8,
    "백": 8,
    "허": 6,
    "남": 5,
    "심": 5,
    "노": 5,
    "하": 5,
    "곽": 4,
    "성": 4,
    "차": 4,
    "주": 4,
    "우": 4,
}
# Common given names across generations (from 1950s 영수·순자 to 2010s 민준·서연).
MALE_GIVEN = [
    "민준",
    "서준",
    "도윤",
    "예준",
    "시우",
    "하준",
    "지호",
    "주원",
    "지훈",
    "준서",
    "건우",
    "현우",
    "우진",
    "선우",
    "성민",
    "영수",
    "영호",
    "영철",
    "정호",
    "성호",
    "상훈",
    "동현",
    "재훈",
    "광수",
    "병철",
    "종민",
    "승현",
    "진우",
    "태현",
    "성진",
    "민수",
    "준호",
    "경수",
    "상철",
    "기훈",
    "정민",
    "동욱",
    "재민",
    "용준",
    "형준",
    "석진",
    "명수",
    "창호",
]
FEMALE_GIVEN = [
    "서연",
    "서윤",
    "지우",
    "하은",
    "민서",
    "지민",
    "수빈",
    "예은",
    "지원",
    "은지",
    "혜진",
    "미영",
    "은정",
    "수진",
    "영희",
    "정숙",
    "순자",
    "미경",
    "경희",
    "현주",
    "지혜",
    "선영",
    "미숙",
    "영숙",
    "옥순",
    "정희",
    "은영",
    "유진",
    "소영",
    "나연",
    "보람",
    "다은",
    "채원",
    "수연",
    "미정",
    "혜원",
    "지현",
    "은주",
    "명숙",
    "숙자",
]

FOREIGN_NAMES: dict[str, dict[str, list[str]]] = {
    "VN": {
        "family": ["NGUYEN", "TRAN", "LE", "PHAM", "HOANG", "VU", "DANG", "BUI", "DO"],
        "male": ["VAN HUNG", "VAN MINH", "DUC TUAN", "VAN NAM", "QUANG HUY", "MINH DUC"],
        "female": ["THI HOA", "THI LAN", "THI MAI", "THI HUONG", "THI LINH", "THI THAO", "NGOC ANH", "THI TRANG"],
    },
    "CN": {
        "family": ["WANG", "LI", "ZHANG", "LIU", "CHEN", "YANG", "ZHAO", "SUN"],
        "male": ["WEI", "QIANG", "JUN", "LEI", "HAO", "GANG"],
        "female": ["FANG", "NA", "JING", "YAN", "MIN", "XIU"],
    },
    "UZ": {
        "family": ["KARIMOV", "RAKHIMOV", "YUSUPOV", "ABDULLAEV", "ALIMOV", "SAIDOV"],
        "male": ["AZIZ", "BOBUR", "JAMSHID", "DILSHOD", "SHERZOD", "OTABEK"],
        "female": ["NODIRA", "DILNOZA", "MADINA", "GULNORA", "SEVARA", "ZARINA"],
    },
    "RU": {
        "family": ["KIM", "PAK", "TSOI", "LI", "TEN", "SHIN"],
        "male": ["ALEKSANDR", "SERGEI", "VIKTOR", "DMITRII", "DENIS", "ANDREI"],
        "female": ["ELENA", "OLGA", "NATALIA", "IRINA", "SVETLANA", "TATIANA"],
    },
    "NP": {
        "family": ["GURUNG", "TAMANG", "RAI", "MAGAR", "THAPA", "SHRESTHA"],
        "male": ["RAM", "HARI", "BISHNU", "KRISHNA", "BIKASH", "SUMAN"],
        "female": ["SITA", "GITA", "SARITA", "ANITA", "SABINA", "PUJA"],
    },
    "KH": {
        "family": ["SOK", "CHEA", "KEO", "SOM", "HENG", "PHAL"],
        "male": ["DARA", "VANNAK", "SOKHA", "RITHY", "VIBOL"],
        "female": ["SREYNEANG", "BOPHA", "CHANTHA", "SOPHEAP", "KANHA"],
    },
    "TH": {
        "family": ["SRISUK", "WONGSA", "CHAIYO", "BOONMA", "SAETANG"],
        "male": ["SOMCHAI", "SOMSAK", "ANAN", "KITTI", "PRASERT"],
        "female": ["MALI", "PORNTIP", "SUDA", "WANDEE", "NOK"],
    },
    "PH": {
        "family": ["SANTOS", "REYES", "CRUZ", "BAUTISTA", "GARCIA", "MENDOZA"],
        "male": ["JOHN", "MARK", "JOSE", "PAOLO"],
        "female": ["MARIA", "JOY", "GRACE", "ANGELICA", "JASMINE"],
    },
    "ID": {
        "family": ["SANTOSO", "RAHAYU", "SETIAWAN", "LESTARI", "WIBOWO"],
        "male": ["BUDI", "AGUS", "EKO", "ADI"],
        "female": ["SITI", "DEWI", "SRI", "PUTRI"],
    },
    "LK": {
        "family": ["PERERA", "FERNANDO", "SILVA", "BANDARA"],
        "male": ["KASUN", "NUWAN", "CHAMARA", "RUWAN"],
        "female": ["CHAMARI", "DILINI", "NADEEKA"],
    },
}

# Ansan's foreign residents by nationality (rounded shares), with the residence statuses
# each group most often holds and the language the portal would greet them in.
NATIONALITIES = {
    # code: (weight, language, [(visa, weight)], writes a Korean-style name)
    "CN-KR": (38, "zh", [("H-2", 4), ("F-4", 4), ("F-5", 2)], True),
    "CN": (7, "zh", [("F-6", 3), ("E-9", 1), ("F-5", 1)], False),
    "VN": (14, "vi", [("E-9", 4), ("F-6", 3), ("D-10", 1), ("D-2", 1)], False),
    "UZ": (9, "uz", [("E-9", 3), ("F-4", 2), ("H-2", 1)], False),
    "RU": (8, "ru", [("F-4", 3), ("H-2", 2), ("F-5", 1)], False),
    "NP": (5, "ne", [("E-9", 1)], False),
    "KH": (5, "en", [("E-9", 3), ("F-6", 2)], False),
    "TH": (4, "th", [("E-9", 2), ("F-6", 1)], False),
    "PH": (4, "en", [("F-6", 2), ("E-9", 1)], False),
    "ID": (3, "en", [("E-9", 1)], False),
    "LK": (3, "en", [("E-9", 1)], False),
}

COMPANY_PREFIXES = [
    "대한",
    "한국",
    "동양",
    "세원",
    "태성",
    "한일",
    "삼우",
    "대성",
    "신흥",
    "우진",
    "성진",
    "동진",
    "일신",
    "영진",
    "화신",
    "금강",
    "태광",
    "대림",
    "경인",
    "서해",
    "반월",
    "시화",
    "한울",
    "신영",
    "한빛",
    "새한",
    "미래",
    "세진",
    "광명",
    "정우",
]
FACTORY_SUFFIXES = [
    "정밀",
    "테크",
    "산업",
    "금속",
    "전자",
    "화학",
    "기계",
    "하이텍",
    "폴리머",
    "플라텍",
    "이엔지",
    "물산",
    "기공",
    "도금",
    "프레스",
    "몰드",
    "엠텍",
    "오토텍",
]
SHOP_FORMS = [
    "{p}마트",
    "{p}식당",
    "{p}요양원",
    "{p}어린이집",
    "{p}물류",
    "{p}병원",
    "{p}클리닉",
    "{p}주간보호센터",
    "{p}베이커리",
    "{p}택배",
    "{p}빌딩관리",
    "{p}세탁",
    "{p}미용실",
    "{p}편의점",
    "{p}푸드",
    "{p}상사",
]


def weighted(rng: random.Random, table: dict) -> str:
    keys = list(table)
    weights = [v[0] if isinstance(v, tuple) else v for v in table.values()]
    return rng.choices(keys, weights)[0]


def korean_name(rng: random.Random, sex: str) -> str:
    return weighted(rng, KOREAN_SURNAMES) + rng.choice(MALE_GIVEN if sex == "M" else FEMALE_GIVEN)


def foreign_name(rng: random.Random, nationality: str, sex: str) -> str:
    pool = FOREIGN_NAMES[nationality]
    family = rng.choice(pool["family"])
    if nationality == "UZ" and sex == "F":
        family += "A"
    return f"{family} {rng.choice(pool['male' if sex == 'M' else 'female'])}"
