#!/usr/bin/env python3
"""Generate the realworld4 event-channel test set from /work/shared/bench/events/*.json.

Standard library only, fixed seed; every output file below this directory is rewritten
byte-identically on each run:

    <date>-p<k>.m3u          provider playlist (#EXTM3U, #EXTINF:-1 tvg-id="" tvg-name="" tvg-logo="" group-title="")
    <date>-p<k>.labels.csv   url,kind,event_id,style,name
    <date>-p<k>.expect.csv   url,kind,start_utc,tolerance_min,title_keys,event_id,style,name

Providers (k) and the zone that dates their playlist (an event belongs to date D when its
kick-off, converted with zoneinfo to that zone, falls on D):
    p1  US scraper aggregate (doms9-style "Live Events", ViX)     America/New_York
    p2  European list (DaddyLive schedule / aggregate)            Europe/London
    p3  Brazilian agenda + aggregate                              America/Sao_Paulo
    p4  Arabic / beIN list                                        Asia/Riyadh
    p5  Latin-American (Colombia/Ecuador) event list              America/Bogota

The naming shapes are documented in SHAPES.md; the real names they are modelled on are in
names.tsv.  Labels are written here, before any matcher has seen the playlists.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import random
import re
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
EVENTS_DIR = Path("/work/shared/bench/events")
SEED = 20260704
UTC = dt.UTC

# (date, provider, dating zone)
PLAYLISTS = [
    ("2025-08-23", 2, "Europe/London"),
    ("2025-09-21", 1, "America/New_York"),
    ("2025-10-18", 3, "America/Sao_Paulo"),
    ("2025-11-08", 4, "Asia/Riyadh"),
    ("2025-11-29", 1, "America/New_York"),
    ("2026-01-04", 1, "America/New_York"),
    ("2026-01-17", 5, "America/Bogota"),
    ("2026-03-08", 2, "Europe/London"),
]

TZ = {z: ZoneInfo(z) for z in ("Europe/London", "America/New_York", "America/Sao_Paulo", "Asia/Riyadh",
                                 "America/Bogota", "Europe/Paris")}
US = {"NBA", "NHL", "NFL", "MLB"}
EVENT_TARGET = 50  # event entries per playlist (about)

# --------------------------------------------------------------------------------------------
# League tables
# --------------------------------------------------------------------------------------------
EPL, ELC, LIGA, BUND, SERIEA, L1, ERE, PRIM, SPFL, MLS = (
    "English Premier League", "English League Championship", "Spanish La Liga", "German Bundesliga",
    "Italian Serie A", "French Ligue 1", "Dutch Eredivisie", "Portuguese Primeira Liga",
    "Scottish Premiership", "American Major League Soccer")
SOCCER = {EPL, ELC, LIGA, BUND, SERIEA, L1, ERE, PRIM, SPFL, MLS}

# doms9-family league brackets
WATCHFTY_LG = {EPL: "English Premier League", ELC: "English League Championship", LIGA: "Spanish LaLiga",
               BUND: "German Bundesliga", SERIEA: "Italian Serie A", L1: "French Ligue 1",
               ERE: "Dutch Eredivisie", PRIM: "Portuguese Primeira Liga", SPFL: "Scottish Premiership",
               MLS: "MLS", "MLB": "MLB", "NBA": "NBA", "NHL": "NHL", "NFL": "NFL"}
FAWA_LG = {EPL: "England Premier League", ELC: "England Championship", LIGA: "Spain LaLiga",
           BUND: "Germany Bundesliga", SERIEA: "Italy Serie A", L1: "France Ligue 1",
           ERE: "Netherlands Eredivisie", PRIM: "Portugal Liga Portugal", SPFL: "Scotland Premiership",
           MLS: "USA MLS"}
SHORT_LG = {EPL: "Premier League", ELC: "Championship", LIGA: "LaLiga", BUND: "Bundesliga", SERIEA: "Serie A",
            L1: "Ligue 1", ERE: "Eredivisie", PRIM: "Liga Portugal", SPFL: "Premiership", MLS: "MLS",
            "MLB": "MLB", "NBA": "NBA", "NHL": "NHL", "NFL": "NFL"}
FUTBOLX_LG = dict(SHORT_LG, **{LIGA: "Laliga", SERIEA: "Seria A"})  # the source's own spellings
LTVSX_LG = {EPL: "Football - England. Premier League", ELC: "Football - England. Championship",
            LIGA: "Football - Spain. LaLiga", BUND: "Football - Germany. Bundesliga",
            SERIEA: "Football - Italy. Serie A", L1: "Football - France. Ligue 1",
            ERE: "Football - Netherlands. Eredivisie", PRIM: "Football - Portugal. Primeira Liga",
            SPFL: "Football - Scotland. Premiership", MLS: "Football - USA. MLS",
            "NBA": "Basketball - NBA", "NHL": "Ice Hockey - NHL"}
SPORTWORD = {"MLB": "Baseball", "NBA": "Basketball", "NFL": "American Football"}
# DaddyLive competition labels
DL_LG = {EPL: "England - Premier League", ELC: "England - Championship", LIGA: "Spain - La Liga",
         BUND: "Germany - Bundesliga", SERIEA: "Italy - Serie A", L1: "France - Ligue 1",
         ERE: "Netherlands - Eredivisie", PRIM: "Portugal - Primeira Liga", SPFL: "Scotland - Premiership",
         MLS: "USA - MLS", "NBA": "NBA", "NHL": "NHL", "NFL": "NFL", "MLB": "MLB"}
# Brazilian agenda (futebolnatv) championship words
PT_LG = {EPL: "Campeonato Inglês", ELC: "Championship Inglesa", LIGA: "La Liga", BUND: "Campeonato Alemão",
         SERIEA: "Campeonato Italiano", L1: "Campeonato Francês", ERE: "Campeonato Holandês",
         PRIM: "Campeonato Português", SPFL: "Campeonato Escocês", MLS: "MLS"}
# Arabic agenda (yalla-shoot) "region, competition"
AR_LG = {EPL: "إنجلترا, الدوري الإنجليزي الممتاز", ELC: "إنجلترا, دوري الدرجة الأولى الإنجليزي",
         LIGA: "إسبانيا, الدوري الإسباني", BUND: "ألمانيا, الدوري الألماني", SERIEA: "إيطاليا, الدوري الإيطالي",
         L1: "فرنسا, الدوري الفرنسي", ERE: "هولندا, الدوري الهولندي", PRIM: "البرتغال, الدوري البرتغالي",
         SPFL: "إسكتلندا, الدوري الإسكتلندي"}
# Latin-American Spanish competition words
ES_LG = {EPL: "Premier League", ELC: "Championship de Inglaterra", LIGA: "Liga de España",
         BUND: "Bundesliga", SERIEA: "Serie A de Italia", L1: "Ligue 1 de Francia",
         ERE: "Liga de Países Bajos", PRIM: "Liga de Portugal", SPFL: "Liga de Escocia", MLS: "MLS",
         "NBA": "NBA", "NHL": "NHL"}

# --------------------------------------------------------------------------------------------
# Team forms
# --------------------------------------------------------------------------------------------
TWO_WORD_NICK = {"Red Sox", "White Sox", "Blue Jays", "Maple Leafs", "Red Wings", "Blue Jackets",
                 "Golden Knights", "Trail Blazers"}
def _codes(teams: list[str], codes: str) -> dict[str, str]:
    return dict(zip(teams, codes.split(), strict=True))


CODES = {
    "MLB": _codes(
        ["Arizona Diamondbacks", "Athletics", "Atlanta Braves", "Baltimore Orioles", "Boston Red Sox",
         "Chicago Cubs", "Chicago White Sox", "Cincinnati Reds", "Cleveland Guardians", "Colorado Rockies",
         "Detroit Tigers", "Houston Astros", "Kansas City Royals", "Los Angeles Angels", "Los Angeles Dodgers",
         "Miami Marlins", "Milwaukee Brewers", "Minnesota Twins", "New York Mets", "New York Yankees",
         "Philadelphia Phillies", "Pittsburgh Pirates", "San Diego Padres", "San Francisco Giants",
         "Seattle Mariners", "St. Louis Cardinals", "Tampa Bay Rays", "Texas Rangers", "Toronto Blue Jays",
         "Washington Nationals"],
        "ARI ATH ATL BAL BOS CHC CHW CIN CLE COL DET HOU KC LAA LAD MIA MIL MIN NYM NYY PHI PIT SD SF SEA "
        "STL TB TEX TOR WSH"),
    "NBA": _codes(
        ["Atlanta Hawks", "Boston Celtics", "Brooklyn Nets", "Charlotte Hornets", "Chicago Bulls",
         "Cleveland Cavaliers", "Dallas Mavericks", "Denver Nuggets", "Detroit Pistons", "Golden State Warriors",
         "Houston Rockets", "Indiana Pacers", "Los Angeles Clippers", "Los Angeles Lakers", "Memphis Grizzlies",
         "Miami Heat", "Milwaukee Bucks", "Minnesota Timberwolves", "New Orleans Pelicans", "New York Knicks",
         "Oklahoma City Thunder", "Orlando Magic", "Philadelphia 76ers", "Phoenix Suns",
         "Portland Trail Blazers", "Sacramento Kings", "San Antonio Spurs", "Toronto Raptors", "Utah Jazz",
         "Washington Wizards"],
        "ATL BOS BKN CHA CHI CLE DAL DEN DET GSW HOU IND LAC LAL MEM MIA MIL MIN NOP NYK OKC ORL PHI PHX "
        "POR SAC SAS TOR UTA WAS"),
    "NHL": _codes(
        ["Anaheim Ducks", "Boston Bruins", "Buffalo Sabres", "Calgary Flames", "Carolina Hurricanes",
         "Chicago Blackhawks", "Colorado Avalanche", "Columbus Blue Jackets", "Dallas Stars", "Detroit Red Wings",
         "Edmonton Oilers", "Florida Panthers", "Los Angeles Kings", "Minnesota Wild", "Montreal Canadiens",
         "Nashville Predators", "New Jersey Devils", "New York Islanders", "New York Rangers", "Ottawa Senators",
         "Philadelphia Flyers", "Pittsburgh Penguins", "San Jose Sharks", "Seattle Kraken", "St. Louis Blues",
         "Tampa Bay Lightning", "Toronto Maple Leafs", "Utah Mammoth", "Vancouver Canucks",
         "Vegas Golden Knights", "Washington Capitals", "Winnipeg Jets"],
        "ANA BOS BUF CGY CAR CHI COL CBJ DAL DET EDM FLA LAK MIN MTL NSH NJD NYI NYR OTT PHI PIT SJS SEA "
        "STL TBL TOR UTA VAN VGK WSH WPG"),
    "NFL": _codes(
        ["Arizona Cardinals", "Atlanta Falcons", "Baltimore Ravens", "Buffalo Bills", "Carolina Panthers",
         "Chicago Bears", "Cincinnati Bengals", "Cleveland Browns", "Dallas Cowboys", "Denver Broncos",
         "Detroit Lions", "Green Bay Packers", "Houston Texans", "Indianapolis Colts", "Jacksonville Jaguars",
         "Kansas City Chiefs", "Las Vegas Raiders", "Los Angeles Chargers", "Los Angeles Rams", "Miami Dolphins",
         "Minnesota Vikings", "New England Patriots", "New Orleans Saints", "New York Giants", "New York Jets",
         "Philadelphia Eagles", "Pittsburgh Steelers", "San Francisco 49ers", "Seattle Seahawks",
         "Tampa Bay Buccaneers", "Tennessee Titans", "Washington Commanders"],
        "ARI ATL BAL BUF CAR CHI CIN CLE DAL DEN DET GB HOU IND JAX KC LV LAC LAR MIA MIN NE NO NYG NYJ PHI "
        "PIT SF SEA TB TEN WAS"),
}
# common English forms used by the scraper aggregates (snapshot name -> form)
COMMON = {
    "Atletico Madrid": "Atlético Madrid", "Bournemouth": "AFC Bournemouth", "Alaves": "Alavés",
    "Athletic Bilbao": "Athletic Club", "Borussia Monchengladbach": "Borussia Mönchengladbach",
    "FC Koln": "FC Köln", "St. Pauli": "FC St. Pauli", "Mainz": "Mainz 05", "Heidenheim": "1. FC Heidenheim",
    "Freiburg": "SC Freiburg", "Hoffenheim": "TSG Hoffenheim", "Verona": "Hellas Verona",
    "Brighton and Hove Albion": "Brighton & Hove Albion", "Sport Lisboa e Benfica": "Benfica",
    "Sporting Clube de Portugal": "Sporting CP", "Sporting Clube de Braga": "SC Braga",
    "GD Estoril Praia": "Estoril", "CD Santa Clara": "Santa Clara", "Vitória Guimarães": "Vitória SC",
    "Feyenoord Rotterdam": "Feyenoord", "Twente '65": "FC Twente", "Telstar 1963": "Telstar",
    "SBV Excelsior": "Excelsior", "SC Heerenveen": "Heerenveen", "NEC": "NEC Nijmegen", "AZ": "AZ Alkmaar",
    "Paris": "Paris FC", "Heart of Midlothian": "Hearts", "St. Mirren": "St Mirren",
    "Dallas": "FC Dallas", "Los Angeles": "LAFC", "New York City": "New York City FC",
    "Cincinnati": "FC Cincinnati", "Toronto": "Toronto FC", "San Diego": "San Diego FC", "Austin": "Austin FC",
    "Charlotte": "Charlotte FC", "Inter Milan": "Inter Milan", "AC Milan": "AC Milan",
}
NATIVE = {  # FSTV / DaddyLive native spellings
    "Bayern Munich": "FC Bayern München", "Borussia Monchengladbach": "Borussia Mönchengladbach",
    "FC Koln": "1. FC Köln", "Eintracht Frankfurt": "Eintracht Frankfurt", "Hoffenheim": "TSG Hoffenheim",
    "Freiburg": "SC Freiburg", "Mainz": "1. FSV Mainz 05", "Augsburg": "FC Augsburg", "Wolfsburg": "VfL Wolfsburg",
    "Werder Bremen": "SV Werder Bremen", "Union Berlin": "1. FC Union Berlin", "St. Pauli": "FC St. Pauli",
    "Heidenheim": "1. FC Heidenheim 1846", "Bayer Leverkusen": "Bayer 04 Leverkusen",
    "Sport Lisboa e Benfica": "SL Benfica", "Sporting Clube de Portugal": "Sporting CP", "Porto": "FC Porto",
    "Sporting Clube de Braga": "SC Braga", "Vitória Guimarães": "Vitória SC", "Famalicão": "FC Famalicão",
    "Arouca": "FC Arouca", "Alverca": "FC Alverca", "Moreirense": "Moreirense FC", "Gil Vicente": "Gil Vicente FC",
    "Rio Ave": "Rio Ave FC", "GD Estoril Praia": "Estoril Praia", "Feyenoord Rotterdam": "Feyenoord",
    "Twente '65": "FC Twente", "Utrecht": "FC Utrecht", "Groningen": "FC Groningen", "NEC": "N.E.C.",
    "SC Heerenveen": "sc Heerenveen", "Volendam": "FC Volendam", "Telstar 1963": "Telstar",
    "SBV Excelsior": "Excelsior", "Atletico Madrid": "Atlético de Madrid", "Alaves": "Deportivo Alavés",
    "Inter Milan": "Internazionale", "Verona": "Hellas Verona",
}
DL_FORMS = {  # DaddyLive schedule forms (mostly English, German/Portuguese native)
    "Bayern Munich": "Bayern München", "Borussia Monchengladbach": "Borussia Mönchengladbach",
    "FC Koln": "FC Köln", "Sport Lisboa e Benfica": "Benfica", "Sporting Clube de Portugal": "Sporting CP",
    "Sporting Clube de Braga": "Braga", "Feyenoord Rotterdam": "Feyenoord", "Twente '65": "Twente",
    "Telstar 1963": "Telstar", "Atletico Madrid": "Atlético Madrid", "Alaves": "Alavés",
    "Inter Milan": "Inter", "AC Milan": "Milan", "Heart of Midlothian": "Heart of Midlothian",
    "Paris Saint-Germain": "PSG", "Brighton and Hove Albion": "Brighton",
}
ES_FORMS = {
    "Bayern Munich": "Bayern Múnich", "FC Koln": "Colonia", "Borussia Monchengladbach": "Borussia Mönchengladbach",
    "Eintracht Frankfurt": "Eintracht Fráncfort", "VfB Stuttgart": "Stuttgart", "Inter Milan": "Inter de Milán",
    "AC Milan": "Milan", "Napoli": "Nápoles", "Atletico Madrid": "Atlético de Madrid", "Athletic Bilbao": "Athletic Club",
    "Alaves": "Alavés", "Real Betis": "Betis", "Celta Vigo": "Celta de Vigo", "Paris Saint-Germain": "PSG",
    "Marseille": "Olympique de Marsella", "Lyon": "Olympique de Lyon", "Monaco": "Mónaco",
    "Tottenham Hotspur": "Tottenham", "Wolverhampton Wanderers": "Wolverhampton", "Brighton and Hove Albion": "Brighton",
    "West Ham United": "West Ham", "Newcastle United": "Newcastle", "Leeds United": "Leeds",
    "Sport Lisboa e Benfica": "Benfica", "Sporting Clube de Portugal": "Sporting de Lisboa", "Porto": "Oporto",
    "Sporting Clube de Braga": "Braga", "PSV": "PSV Eindhoven", "Feyenoord Rotterdam": "Feyenoord",
    "Twente '65": "Twente", "Bournemouth": "Bournemouth", "Nottingham Forest": "Nottingham Forest",
}
PT_FORMS = {
    "Bayern Munich": "Bayern de Munique", "FC Koln": "Colônia", "Inter Milan": "Inter de Milão", "AC Milan": "Milan",
    "Atletico Madrid": "Atlético de Madrid", "Paris Saint-Germain": "PSG", "Marseille": "Olympique de Marselha",
    "Tottenham Hotspur": "Tottenham", "Sport Lisboa e Benfica": "Benfica", "Sporting Clube de Portugal": "Sporting CP",
    "Sporting Clube de Braga": "Braga", "Wolverhampton Wanderers": "Wolverhampton", "West Ham United": "West Ham",
    "Newcastle United": "Newcastle", "Brighton and Hove Albion": "Brighton", "Celta Vigo": "Celta de Vigo",
    "Real Betis": "Betis", "Feyenoord Rotterdam": "Feyenoord", "Twente '65": "Twente",
}
AR_FORMS = {
    "Liverpool": "ليفربول", "Manchester City": "مانشستر سيتي", "Manchester United": "مانشستر يونايتد",
    "Arsenal": "أرسنال", "Chelsea": "تشيلسي", "Tottenham Hotspur": "توتنهام", "Aston Villa": "أستون فيلا",
    "Newcastle United": "نيوكاسل يونايتد", "West Ham United": "وست هام يونايتد", "Everton": "إيفرتون",
    "Brighton and Hove Albion": "برايتون", "Crystal Palace": "كريستال بالاس", "Fulham": "فولهام",
    "Brentford": "برينتفورد", "Nottingham Forest": "نوتنغهام فورست", "Wolverhampton Wanderers": "وولفرهامبتون",
    "Bournemouth": "بورنموث", "Leeds United": "ليدز يونايتد", "Burnley": "بيرنلي", "Sunderland": "سندرلاند",
    "Real Madrid": "ريال مدريد", "Barcelona": "برشلونة", "Atletico Madrid": "أتلتيكو مدريد", "Sevilla": "إشبيلية",
    "Valencia": "فالنسيا", "Villarreal": "فياريال", "Real Betis": "ريال بيتيس", "Real Sociedad": "ريال سوسيداد",
    "Athletic Bilbao": "أتلتيك بيلباو", "Celta Vigo": "سيلتا فيغو", "Getafe": "خيتافي", "Osasuna": "أوساسونا",
    "Girona": "جيرونا", "Mallorca": "مايوركا", "Rayo Vallecano": "رايو فاييكانو", "Espanyol": "إسبانيول",
    "Alaves": "ألافيس", "Elche": "إلتشي", "Levante": "ليفانتي", "Real Oviedo": "ريال أوفييدو",
    "Bayern Munich": "بايرن ميونخ", "Borussia Dortmund": "بوروسيا دورتموند", "Bayer Leverkusen": "باير ليفركوزن",
    "RB Leipzig": "لايبزيغ", "Eintracht Frankfurt": "آينتراخت فرانكفورت", "VfB Stuttgart": "شتوتغارت",
    "Wolfsburg": "فولفسبورغ", "Werder Bremen": "فيردر بريمن", "Borussia Monchengladbach": "بوروسيا مونشنغلادباخ",
    "Freiburg": "فرايبورغ", "Hoffenheim": "هوفنهايم", "Union Berlin": "يونيون برلين", "Mainz": "ماينز",
    "Augsburg": "أوغسبورغ", "FC Koln": "كولن", "Hamburger SV": "هامبورغ", "St. Pauli": "سانت باولي",
    "Heidenheim": "هايدنهايم", "Juventus": "يوفنتوس", "Inter Milan": "إنتر ميلان", "AC Milan": "ميلان",
    "Napoli": "نابولي", "Roma": "روما", "Lazio": "لاتسيو", "Atalanta": "أتالانتا", "Fiorentina": "فيورنتينا",
    "Bologna": "بولونيا", "Torino": "تورينو", "Genoa": "جنوى", "Udinese": "أودينيزي", "Como": "كومو",
    "Parma": "بارما", "Cagliari": "كالياري", "Lecce": "ليتشي", "Sassuolo": "ساسولو", "Verona": "فيرونا",
    "Pisa": "بيزا", "Cremonese": "كريمونيزي", "Paris Saint-Germain": "باريس سان جيرمان", "Marseille": "مارسيليا",
    "Lyon": "ليون", "Monaco": "موناكو", "Lille": "ليل", "Lens": "لانس", "Nice": "نيس", "Rennes": "رين",
    "Strasbourg": "ستراسبورغ", "Nantes": "نانت", "Toulouse": "تولوز", "Brest": "بريست", "Auxerre": "أوكسير",
    "Angers": "أنجيه", "Le Havre": "لوهافر", "Lorient": "لوريان", "Metz": "ميتز", "Paris": "باريس إف سي",
    "Ajax": "أياكس", "PSV": "آيندهوفن", "Feyenoord Rotterdam": "فينورد", "Porto": "بورتو",
    "Sport Lisboa e Benfica": "بنفيكا", "Sporting Clube de Portugal": "سبورتينغ لشبونة", "Celtic": "سيلتيك",
    "Rangers": "رينجرز",
}

# broadcasters seen in the collected names (names.tsv)
STRMXHD_BC = {LIGA: ["Dazn La Liga", "Disney +", "ESPN +", "ESPN 5", "ESPN Deportes", "Premier Sports 2 UK"],
              SERIEA: ["Disney +", "ESPN 2", "ESPN +"], EPL: ["Disney +", "ESPN +", "ESPN 2"],
              "default": ["Disney +", "ESPN +"]}
DL_BC_EU = ["Sky Sports Football UK", "Sky Sports Main Event UK", "TV3 Max Denmark", "Arena Sport 1 Croatia",
            "Sport TV6 Portugal", "Vodafone Sport", "Nova Sports 1 Greece", "Ziggo Sport 1 NL",
            "Viaplay Sports Sweden", "Blue Sport D 1", "Diema Sport 2 Bulgaria", "ESPN Deportes", "ESPN Brazil",
            "beIN Sports MENA 1", "Sport 1 Israel", "SuperSport Laliga", "Digi Sport 3 Romania"]
DL_BC_US = ["ESPN USA", "TSN2", "NBA TV USA", "FOX USA", "CBS Sports Network USA", "Sky Sports Main Event UK",
            "ESPN Deportes"]
DL_BC_MENA = ["beIN Sports MENA 1", "beIN Sports MENA 2", "beIN Sports MENA 4", "beIN Sports MENA 6",
              "beIN Sports MENA English 1"]
AR_CHANNELS = ["beIN SPORTS HD 1", "beIN Sports 3 HD", "Bein Sports HD2", "beIN SPORTS HD 4", "beIN Sports 5 HD",
               "غير معروف"]
PT_CHANNELS = ["CAZÉ TV", "DISNEY+", "DISNEY+ PREMIUM", "ONEFOOTBALL", "PARAMOUNT+", "NSPORTS", "CANAL GOAT"]
ECS_BC = ["ESPN1", "ESPN2", "ESPN3", "ESPN4", "WinSports", "ESPN Premium Arg", "Opcion 1"]
FELA_CHANNELS = ["Canal 1", "Canal 3 (HD)", "Canal 6", "Canal 7 (HD)", "Canal 14 (HD)", "Canal 18", "Capo Deportes",
                 "Canal 20 (HD)"]
DUARTE_BC = ["Disney+ 20", "ESPN Premium", "ESPN", "ESPN 2 MX", "Win+", "Win+ 2", "TUDN USA"]


# --------------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------------
class Ev:
    __slots__ = ("id", "league", "home", "away", "ts", "season")

    def __init__(self, e: dict):
        self.id = e["idEvent"]
        self.league = e["strLeague"]
        self.home = e["strHomeTeam"]
        self.away = e["strAwayTeam"]
        self.season = e["strSeason"]
        self.ts = dt.datetime.fromisoformat(e["strTimestamp"]).replace(tzinfo=UTC)

    def local(self, zone: str) -> dt.datetime:
        return self.ts.astimezone(TZ[zone])


def load_events() -> list[Ev]:
    first: dict[str, dict] = {}
    conflicting: set[str] = set()
    for f in sorted(EVENTS_DIR.glob("*.json")):
        for e in json.loads(f.read_text(encoding="utf-8"))["events"]:
            i = e["idEvent"]
            if i in first and first[i] != e:
                conflicting.add(i)  # same idEvent with two different timestamps: ambiguous, not used
            first.setdefault(i, e)
    evs = [Ev(e) for i, e in first.items() if i not in conflicting]
    evs.sort(key=lambda x: (x.ts, x.id))
    return evs


def nick(team: str) -> str:
    w = team.split()
    if len(w) >= 2 and " ".join(w[-2:]) in TWO_WORD_NICK:
        return " ".join(w[-2:])
    return w[-1]


def city(team: str) -> str:
    c = team[: len(team) - len(nick(team))].strip() or team
    return {"Oklahoma City": "Oklahoma"}.get(c, c)


def title_keys(ev: Ev) -> str:
    if ev.league in US:
        return f"{nick(ev.home)}|{nick(ev.away)}"
    return f"{ev.home}|{ev.away}"


def form(table: dict, team: str) -> str:
    return table.get(team, COMMON.get(team, team))


def hhmm(t: dt.datetime) -> str:
    return t.strftime("%H:%M")


# --------------------------------------------------------------------------------------------
# Shapes.  Each returns a list of (display name, tvg-name, group-title).
# --------------------------------------------------------------------------------------------
LIVE_EVENTS = "Live Events"


class Ctx:
    def __init__(self, date: str, k: int, zone: str, rng: random.Random, rounds: dict):
        self.date = dt.date.fromisoformat(date)
        self.k = k
        self.zone = zone
        self.rng = rng
        self.rounds = rounds
        self.evento_no = 0


def _dm(name: str) -> tuple[str, str, str]:
    return (name, name, LIVE_EVENTS)


def s_dm_sport_vs_dot_tag(ev, c):
    tag = c.rng.choice(["| English (STRMCNTR)", "| English (STRMCNTR)", "(PPV)", "(EMBEDSPRT)"])
    return [_dm(f"[{SPORTWORD[ev.league]}] {ev.away} vs. {ev.home} {tag}")]


def s_dm_league_at(ev, c):
    if ev.league in SPORTWORD and ("Athletics" in (ev.home, ev.away) or c.rng.random() < 0.5):
        away = "Athletics Athletics" if ev.away == "Athletics" else ev.away
        home = "Athletics Athletics" if ev.home == "Athletics" else ev.home
        return [_dm(f"[{SPORTWORD[ev.league]}] {away} at {home} (STRMCNTR)")]
    return [_dm(f"[{ev.league}] {ev.away} at {ev.home} (SPRTSPASS)")]


def s_dm_team_feed_code(ev, c):
    codes = CODES[ev.league]
    return [_dm(f"[{ev.league}] {ev.away} at {ev.home} | {codes[t]} Feed (XYZ)") for t in (ev.away, ev.home)]


def s_dm_dash_home_first(ev, c):
    if ev.league in US:
        return [_dm(f"[{ev.league}] {ev.home} - {ev.away} (EMBEDHD)")]
    return [_dm(f"[{SHORT_LG[ev.league]}] {form(COMMON, ev.home)} - {form(COMMON, ev.away)} (EMBEDHD)")]


def s_dm_nick_vs(ev, c):
    return [_dm(f"[{ev.league}] {nick(ev.away)} vs {nick(ev.home)} (WEBCAST)")]


def s_dm_home_vs_long_league(ev, c):
    if ev.league in US:
        return [_dm(f"[{ev.league}] {ev.home} vs {ev.away} (WATCHFTY)")]
    return [_dm(f"[{WATCHFTY_LG[ev.league]}] {form(COMMON, ev.home)} vs {form(COMMON, ev.away)} (WATCHFTY)")]


def s_dm_sportword_es_league_nick(ev, c):
    return [_dm(f"[Baloncesto] NBA: {nick(ev.away)} vs {nick(ev.home)} (STP)")]


def s_ltvsx_city_endash(ev, c):
    return [_dm(f"[{LTVSX_LG[ev.league]}] {city(ev.home)} \u2013  {city(ev.away)} (LTVSX)")]


def s_ltvsx_country_dot_comp(ev, c):
    return [_dm(f"[{LTVSX_LG[ev.league]}] {form(COMMON, ev.home)} \u2013  {form(COMMON, ev.away)} (LTVSX)")]


def s_dm_copy_number(ev, c):
    h, a = form(COMMON, ev.home), form(COMMON, ev.away)
    if c.rng.random() < 0.5:
        return [_dm(f"[{FAWA_LG[ev.league]}] {h} vs {a} {n} (FAWA)") for n in (1, 2)]
    return [_dm(f"[{SHORT_LG[ev.league]}] {h} vs {a} {n} (STP)") for n in (1, 2)]


def s_dm_feed_alt_lang(ev, c):
    if ev.league == "NFL":
        return [_dm(f"[NFL] {ev.away} @ {ev.home} | Main Feed (FUTBOLX)")]
    base = f"[{FUTBOLX_LG[ev.league]}] {form(COMMON, ev.home)} vs {form(COMMON, ev.away)} | "
    feeds = ["Main Feed"] + (["Alt Feed 1 Ar"] if c.k == 4 or c.rng.random() < 0.5 else [])
    if c.k != 4 and len(feeds) == 1 and c.rng.random() < 0.3:
        feeds.append("Alt Feed 2 Fr")
    return [_dm(base + f + " (FUTBOLX)") for f in feeds]


def s_dm_broadcaster_pipe(ev, c):
    pool = STRMXHD_BC.get(ev.league, STRMXHD_BC["default"])
    n = c.rng.randint(2, min(3, len(pool)))
    bcs = sorted(c.rng.sample(pool, n), key=pool.index)
    return [_dm(f"[{SHORT_LG[ev.league]}] {form(COMMON, ev.home)} vs {form(COMMON, ev.away)} | {b} (STRMXHD)")
            for b in bcs]


def s_dm_lang_code(ev, c):
    codes = ["ES", "EN"] if c.rng.random() < 0.5 else [c.rng.choice(["ES", "EN"])]
    return [_dm(f"[{FAWA_LG[ev.league]}] {form(COMMON, ev.home)} vs {form(COMMON, ev.away)} | {x} (PLYFST)")
            for x in codes]


def s_dm_espanol_n(ev, c):
    n = c.rng.choice([1, 1, 2])
    return [_dm(f"[{SHORT_LG[ev.league]}] {form(ES_FORMS, ev.home)} vs {form(ES_FORMS, ev.away)} | Español {i} (PLIBRE)")
            for i in range(1, n + 1)]


def s_dm_soccer_at(ev, c):
    return [_dm(f"[Football] {form(COMMON, ev.away)} at {form(COMMON, ev.home)} (STRMCNTR)")]


def s_dm_native_bracket(ev, c):
    tag = "FSTV" if ev.league == BUND else "WFTY"
    return [_dm(f"[{SHORT_LG[ev.league]}] {form(NATIVE, ev.home)} vs {form(NATIVE, ev.away)} ({tag})")]


def _vix(team: str) -> str:
    return team.replace("New York ", "NY ").replace("Los Angeles ", "LA ")


def s_vix_country_feed(ev, c):
    grp = f"{ev.league} - Temporada Regular"
    out = [(f"{_vix(ev.home)} vs. {_vix(ev.away)}", f"{_vix(ev.home)} vs. {_vix(ev.away)}", grp)]
    for tag in ("ViX USA", "ViX MEX")[: c.rng.choice([1, 2])]:
        nm = f"{ev.away} vs. {ev.home} ({tag})"
        out.append((nm, nm, grp))
    return out


def s_dl_mmddyy_cet_bcast(ev, c):
    paris = ev.local("Europe/Paris")
    assert paris.tzname() == "CET", (ev.id, paris)
    date = ev.local(c.zone).date()  # the schedule day (London), even when the CET clock is past midnight
    stamp = f"{date:%m/%d/%y} - {hhmm(paris)} (CET)"
    pool = DL_BC_US if ev.league in US else DL_BC_EU
    bcs = sorted(c.rng.sample(pool, c.rng.randint(1, 3)), key=pool.index)
    head = f"{DL_LG[ev.league]} : {form(DL_FORMS, ev.home)} vs {form(DL_FORMS, ev.away)} {stamp}"
    return [(f"{head} {b}", f"{head} {b}", "Eventi") for b in bcs]


def s_dl_dash_bcast(ev, c):
    pool = DL_BC_MENA if c.k == 4 else (DL_BC_US if ev.league in US else DL_BC_EU)
    bcs = sorted(c.rng.sample(pool, c.rng.choice([1, 1, 2, 3])), key=pool.index)
    return [(f"{DL_LG[ev.league]} : {form(DL_FORMS, ev.home)} vs {form(DL_FORMS, ev.away)} - {b}", "", "")
            for b in bcs]


def s_pt_agenda_hour_x(ev, c):
    t = hhmm(ev.local(c.zone))
    grp = f"{PT_LG[ev.league]} - Rodada {c.rounds[ev.id]}"
    chans = sorted(c.rng.sample(PT_CHANNELS, c.rng.choice([1, 1, 2])), key=PT_CHANNELS.index)
    return [(f"{t} | {form(PT_FORMS, ev.home)} x {form(PT_FORMS, ev.away)} | {ch}", "", grp) for ch in chans]


def s_ar_agenda_pipe(ev, c):
    t = hhmm(ev.local(c.zone))
    ch = c.rng.choice(AR_CHANNELS)
    return [(f"{AR_FORMS[ev.home]} - {AR_FORMS[ev.away]} | {t} | {ch}", "", AR_LG[ev.league])]


def s_ar_didd_group_channel(ev, c):
    ch = c.rng.choice(AR_CHANNELS[:-1])
    nm = f"{AR_FORMS[ev.home]} ضد {AR_FORMS[ev.away]}"
    return [(nm, nm, ch)]


LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "$", "c": "ç", "A": "4", "E": "€", "I": "1", "O": "0",
        "S": "$", "C": "Ç"}


def leet(text: str, rng: random.Random) -> str:
    out = []
    for word in text.split(" "):
        pos = [i for i, ch in enumerate(word) if ch in LEET]
        if pos and len(word) > 2:
            for i in sorted(rng.sample(pos, min(len(pos), rng.choice([1, 1, 2])))):
                word = word[:i] + LEET[word[i]] + word[i + 1:]
        out.append(word)
    return " ".join(out)


def s_leet_evento_utc5(ev, c):
    t = ev.local(c.zone)
    clock = f"{hhmm(t)}{'pm' if t.hour >= 12 else 'am'} UTC-5"
    teams = f"{leet(form(ES_FORMS, ev.home), c.rng)} Vs {leet(form(ES_FORMS, ev.away), c.rng)}"
    comp = leet(ES_LG[ev.league], c.rng)
    bcs = ["Opcion 1", "Opcion 2"] if c.rng.random() < 0.25 else [leet(c.rng.choice(ECS_BC[:-1]), c.rng)]
    out = []
    with_time = c.rng.random() < 0.75
    for b in bcs:
        c.evento_no += 1
        parts = [f"EVENTO {c.evento_no}", comp] + ([clock] if with_time else []) + [teams, b]
        out.append((" | ".join(parts), "", "EVENTOS DEL DÍA"))
    return out


def s_endash_time_comp_bcast(ev, c):
    t = hhmm(ev.local(c.zone))
    comp = ES_LG[ev.league]
    home, away = ((ev.home, ev.away) if ev.league in US else (form(ES_FORMS, ev.home), form(ES_FORMS, ev.away)))
    chans = sorted(c.rng.sample(FELA_CHANNELS, c.rng.randint(1, 3)), key=FELA_CHANNELS.index)
    return [(f"{t} {comp} \u2013 {home} vs {away} \u2013 {ch}", ch, comp) for ch in chans]


def s_tvgname_time_paren_bcast(ev, c):
    t = hhmm(ev.local(c.zone))
    home, away = ((ev.home, ev.away) if ev.league in US else (form(ES_FORMS, ev.home), form(ES_FORMS, ev.away)))
    r = c.rng.random()
    bcs = [None] if r < 0.3 else sorted(c.rng.sample(DUARTE_BC, c.rng.choice([1, 2])), key=DUARTE_BC.index)
    return [(f"{home} vs {away}" + (f" ({b})" if b else ""), t, "") for b in bcs]


def s_caps_vs_alarm(ev, c):
    t = hhmm(ev.local(c.zone))
    return [(f"{form(ES_FORMS, ev.home).upper()} VS {form(ES_FORMS, ev.away).upper()} \u23f0{t}", "",
             " EVENTOS \u26bd\u26bd\u26bd")]


def s_proximamente_bracket(ev, c):
    t = hhmm(ev.local(c.zone))
    home, away = form(ES_FORMS, ev.home), form(ES_FORMS, ev.away)
    c.evento_no += 1
    if c.rng.random() < 0.5:
        nm = f"PROXIMAMENTE: [{t}] {home} vs {away}"
    else:
        nm = f"[{t}] {home} vs {away} - {c.rng.choice(['ESPN', 'ESPN 2', 'DSports', 'Fox Sports'])}"
    return [(nm, f"Evento {c.evento_no}", "EVENTOS")]


SHAPES = {f.__name__[2:]: f for f in [
    s_dm_sport_vs_dot_tag, s_dm_league_at, s_dm_team_feed_code, s_dm_dash_home_first, s_dm_nick_vs,
    s_dm_home_vs_long_league, s_dm_sportword_es_league_nick, s_ltvsx_city_endash, s_ltvsx_country_dot_comp,
    s_dm_copy_number, s_dm_feed_alt_lang, s_dm_broadcaster_pipe, s_dm_lang_code, s_dm_espanol_n,
    s_dm_soccer_at, s_dm_native_bracket, s_vix_country_feed, s_dl_mmddyy_cet_bcast, s_dl_dash_bcast,
    s_pt_agenda_hour_x, s_ar_agenda_pipe, s_ar_didd_group_channel, s_leet_evento_utc5,
    s_endash_time_comp_bcast, s_tvgname_time_paren_bcast, s_caps_vs_alarm, s_proximamente_bracket]}


def unique_cities(events: list[Ev], league: str) -> set[str]:
    seen = defaultdict(set)
    for e in events:
        if e.league == league:
            for t in (e.home, e.away):
                seen[city(t)].add(t)
    return {c for c, ts in seen.items() if len(ts) == 1}


def compatible(style: str, ev: Ev, ctx: Ctx, ucity: dict) -> bool:
    lg = ev.league
    if style == "dm_sport_vs_dot_tag":
        return lg in SPORTWORD
    if style in ("dm_league_at", "dm_nick_vs"):
        return lg in US
    if style == "dm_team_feed_code":
        return lg in ("MLB", "NBA", "NHL")
    if style in ("dm_dash_home_first", "dm_home_vs_long_league"):
        return True
    if style == "dm_sportword_es_league_nick":
        return lg == "NBA"
    if style == "ltvsx_city_endash":
        return lg in ("NBA", "NHL") and city(ev.home) in ucity[lg] and city(ev.away) in ucity[lg]
    if style in ("ltvsx_country_dot_comp", "dm_copy_number", "dm_broadcaster_pipe", "dm_lang_code",
                 "dm_espanol_n", "dm_soccer_at"):
        return lg in SOCCER
    if style == "dm_feed_alt_lang":
        return lg in SOCCER or lg == "NFL"
    if style == "dm_native_bracket":
        return lg in (BUND, ERE, PRIM)
    if style == "vix_country_feed":
        return lg in ("MLB", "NFL")
    if style == "dl_mmddyy_cet_bcast":
        return ev.local("Europe/Paris").tzname() == "CET"
    if style == "dl_dash_bcast":
        return True
    if style == "pt_agenda_hour_x":
        return lg in SOCCER
    if style in ("ar_agenda_pipe", "ar_didd_group_channel"):
        return lg in AR_LG and ev.home in AR_FORMS and ev.away in AR_FORMS
    if style in ("leet_evento_utc5", "caps_vs_alarm", "proximamente_bracket"):
        return lg in SOCCER and lg in ES_LG
    if style in ("endash_time_comp_bcast", "tvgname_time_paren_bcast"):
        return lg in SOCCER or lg == "NBA"
    raise KeyError(style)


# provider style pools: (style, weight)
POOLS = {
    1: [("dm_sport_vs_dot_tag", 5), ("dm_league_at", 4), ("dm_team_feed_code", 2), ("dm_dash_home_first", 2),
        ("dm_nick_vs", 3), ("dm_home_vs_long_league", 3), ("dm_sportword_es_league_nick", 3),
        ("ltvsx_city_endash", 2), ("dm_feed_alt_lang", 1), ("dm_soccer_at", 3), ("dm_copy_number", 2),
        ("vix_country_feed", 2), ("dm_broadcaster_pipe", 2), ("ltvsx_country_dot_comp", 1),
        ("dm_espanol_n", 1)],
    2: [("dl_dash_bcast", 4), ("dl_mmddyy_cet_bcast", 5), ("dm_native_bracket", 5), ("ltvsx_country_dot_comp", 2),
        ("dm_copy_number", 2), ("dm_feed_alt_lang", 1), ("dm_home_vs_long_league", 2), ("dm_dash_home_first", 1),
        ("dm_soccer_at", 2), ("dm_lang_code", 2), ("ltvsx_city_endash", 2), ("dm_league_at", 1)],
    3: [("pt_agenda_hour_x", 8), ("ltvsx_country_dot_comp", 2), ("dm_lang_code", 2), ("dm_home_vs_long_league", 2),
        ("dm_sport_vs_dot_tag", 2), ("dm_league_at", 2), ("dm_copy_number", 1), ("ltvsx_city_endash", 1)],
    4: [("ar_agenda_pipe", 6), ("ar_didd_group_channel", 4), ("dl_dash_bcast", 3), ("dm_feed_alt_lang", 1),
        ("dm_sport_vs_dot_tag", 2), ("dm_league_at", 2), ("dm_home_vs_long_league", 1), ("dm_nick_vs", 1)],
    5: [("leet_evento_utc5", 4), ("endash_time_comp_bcast", 4), ("tvgname_time_paren_bcast", 3),
        ("caps_vs_alarm", 4), ("proximamente_bracket", 4), ("dm_sportword_es_league_nick", 4), ("dm_espanol_n", 4),
        ("dm_broadcaster_pipe", 2), ("dm_copy_number", 1)],
}
SECOND_STYLE_P = {1: 0.35, 2: 0.2, 3: 0.15, 4: 0.2, 5: 0.15}


def pick_style(ev, ctx, ucity, exclude=()):
    opts = [(s, w) for s, w in POOLS[ctx.k] if s not in exclude and compatible(s, ev, ctx, ucity)]
    if not opts:
        return None
    total = sum(w for _, w in opts)
    r = ctx.rng.uniform(0, total)
    for s, w in opts:
        r -= w
        if r <= 0:
            return s
    return opts[-1][0]


# --------------------------------------------------------------------------------------------
# Negatives
# --------------------------------------------------------------------------------------------
PLACEHOLDERS = {
    1: [("1-LIVE CHANNEL", "", "\U0001f4fd\ufe0f| LIVE EVENT"), ("9-LIVE CHANNEL", "", "\U0001f4fd\ufe0f| LIVE EVENT"),
        ("13-LIVE CHANNEL", "", "\U0001f4fd\ufe0f| LIVE EVENT"), ("", "", " EVENTOS \u26bd\u26bd\u26bd"),
        ("", "", " EVENTOS \u26bd\u26bd\u26bd"), ("20-LIVE CHANNEL", "UNIFI.Sports", "\U0001f4fd\ufe0f| LIVE EVENT")],
    2: [("1-LIVE CHANNEL", "", "\U0001f4fd\ufe0f| LIVE EVENT"), ("2-LIVE CHANNEL", "", "\U0001f4fd\ufe0f| LIVE EVENT"),
        ("17-LIVE CHANNEL", "", "\U0001f4fd\ufe0f| LIVE EVENT"), ("", "", "Eventi"), ("", "", "Eventi"),
        ("28-LIVE CHANNEL", "", "\U0001f4fd\ufe0f| LIVE EVENT")],
    3: [("Horário não disponível | Desconhecido x Desconhecido | Nenhum canal disponível", "", "Campeonato não encontrado"),
        ("Horário não disponível | Desconhecido x Desconhecido | Nenhum canal disponível", "", "Campeonato não encontrado"),
        ("", "", "Campeonato não encontrado"), ("1-LIVE CHANNEL", "", "\U0001f4fd\ufe0f| LIVE EVENT"),
        ("9-LIVE CHANNEL", "", "\U0001f4fd\ufe0f| LIVE EVENT")],
    4: [("", "", "مباريات اليوم"), ("", "", "مباريات اليوم"), ("", "", "مباريات اليوم"),
        ("1-LIVE CHANNEL", "", "\U0001f4fd\ufe0f| LIVE EVENT"), ("13-LIVE CHANNEL", "", "\U0001f4fd\ufe0f| LIVE EVENT")],
    5: [("Slot Libre - Sin Eventos", "Evento 14", "EVENTOS"), ("Slot Libre - Sin Eventos", "Evento 15", "EVENTOS"),
        ("", "", " EVENTOS \u26bd\u26bd\u26bd"), ("", "", " EVENTOS \u26bd\u26bd\u26bd")],
}
MESES = ["ENERO", "FEBRERO", "MARZO", "ABRIL", "MAYO", "JUNIO", "JULIO", "AGOSTO", "SEPTIEMBRE", "OCTUBRE",
         "NOVIEMBRE", "DICIEMBRE"]

OFFSNAPSHOT = {  # real event-channel names (names.tsv) of events the snapshot does not have
    1: ["[American Football] Missouri Tigers at Kansas Jayhawks (EMBEDSPRT)",
        "[American Football] Villanova Wildcats vs. Louisville Cardinals | English (STRMCNTR)",
        "[Liga MX] Atlante vs Pachuca | Azteca 7 (STRMXHD)",
        "[NWSL] Racing Louisville FC vs NJ/NY Gotham FC (WATCHFTY)",
        "[Basketball] Connecticut Sun vs. Atlanta Dream | English (STRMCNTR)",
        "[BKFC] Boxing BKFC 93 Perdomo vs Hill (FAWA)",
        "[Floracing] World 100 at Eldora Speedway (TIMSTRM)",
        "[Football] Necaxa vs. Puebla (EMBEDSPRT)",
        ("Instituto Córdoba vs. Boca Juniors", "Liga Profesional de Fútbol - Torneo Clausura")],
    2: ["[2. Bundesliga] Dynamo Dresden vs 1. FC Nürnberg (FSTV)",
        "[Danish Superliga] OB vs Silkeborg (WFTY)",
        "[Damallsvenskan] Alingsås FC (W) vs Hammarby (W) (WFTY)",
        "Sweden - Superettan : Västerås SK vs Örebro - Max Extra 1 Sweden",
        "Russia - Russian Cup : Zenit vs Rubin Kazan' - Match TV Russia",
        "World - Club Friendly : Grasshopper vs Bayern München - Blue Sport D 1",
        "[3. Liga] MSV Duisburg vs SV Waldhof Mannheim 07 e.V. (WFTY)",
        "[Basketball] Euroleague: Anadolu Efes Istanbul vs EA7 Emporio Armani Milan (STRMD)"],
    3: ["[Brazil Copa] Flamengo RJ vs Vitoria (FAWA)",
        "[Copa do Brasil - 5th Stage] RB Bragantino vs Mirassol (WATCHFTY)",
        "[Football - Brazil. Cup] Flamengo-RJ \u2013  Vitoria-BA (LTVSX)",
        "[Argentina Liga Profesional] Boca Juniors vs Central Cordoba (FAWA)",
        "[Argentina Primera División] Boca Juniors vs Central Córdoba SdE | ES (PLYFST)",
        "21:30 | Internacional x Club Nacional | CAZÉ TV",
        "19:30 | Atlético GO x Cuiabá | DISNEY+"],
    4: ["[Saudi League] Al-Faisaly vs Al Ittihad | Thmanyah (FUTBOLX)",
        "Asia - AFC Champions League Elite : Al Duhail vs Sepahan - beIN Sports MENA 1",
        "Africa - African Nations Championship : Senegal vs Congo - beIN Sports MENA 6",
        "الإمارات - عمان | 20:15 | beIN SPORTS HD 1",
        "العراق - إندونيسيا | 22:30 | Bein Sports HD2",
        "[AFC Champions League] Shanghai Shenhua vs Tampines 1 (FAWA)"],
    5: ["[Liga BetPlay] Jaguares de Córdoba vs Fortaleza CEIF 1 (STP)",
        "[Liga 1] Cusco vs Melgar | Español 1 (PLIBRE)",
        "Boca Juniors vs Platense (Disney+ 20)",
        ("EVENTO 1 | L1g4 C0lombia | 19:30pm UTC-5 | M1ll0narios Vs D3p P3reira | W1n$p0rts", "EVENTOS DEL DÍA"),
        "11:00 Amistoso Internacional \u2013 Chipre vs Moldavia \u2013 Canal 6",
        ("FLAMENGO VS RACING \u23f020:30", " EVENTOS \u26bd\u26bd\u26bd"),
        "Cruz Azul vs Tigres UANL (TUDN USA)"],
}
OFFSNAP_GROUP = {1: LIVE_EVENTS, 2: LIVE_EVENTS, 3: LIVE_EVENTS, 4: LIVE_EVENTS, 5: ""}

LIVE = {  # linear channels seen in the collected playlists (names.tsv)
    1: ["ESPN HD", "ESPN 2 HD", "ESPN Deportes", "ESPN U", "PEACOCK TV", "BEIN SPORTS EXTRA", "TENNIS CHANNEL 1",
        "Nba Tv", "Directv Sports", "FIFA+ SPORT", "ESPN VIVO"],
    2: ["SKY SPORTS PREMIERE LEAGUE", "SKY SPORTS FOOTBALL", "TNT Sports 1", "PREMIER SPORTS 1", "DAZN 1-DT1",
        "DAZN LALIGA", "M. LaLiga 1080 MultiAudio", "DAZN LaLiga 720", "M.L. Campeones 2 1080", "GO3 SPORT 1",
        "Sport Tv 1 1080", "EuroSport 1 1080"],
    3: ["PREMIERE 2 FHD Max²", "PREMIERE 2 FHD¹", "PREMIERE 2 HD ᶜᴰᴺ²", "Premiere Clubes FHD (H265)", "Premiere 3 4K",
        "SPORTV 3", "ESPN VIVO 2", "Premiere 5 SD", "TyC SPORTS", "Sport Tv 2 1080"],
    4: ["BeIN Sports 1", "BeIN Sports Max 1", "AR: BEIN Sports NEWS HD", "Bahrain Sports 1", "DUBAI SPORTS 2",
        "S Sport Plus", "Tivibu Spor 2", "Exxen Sports 3", "Trt Spor Yildiz", "BEIN SPORT AR 3 HD"],
    5: ["ESPN VIVO 2", "TyC SPORTS", "WIN+", "Directv Sports", "SKY LA LIGA SD", "ESPN Deportes", "Tennis Channel",
        "ESPN 5", "TNT Sports 1"],
}
CLUB_TV = ["Fb Tv", "Gs Tv", "MUTV ᴴᴰ", "REAL MADRID TV ᴴᴰ", "BARCA TV ᴴᴰ", "INTER TV ᴴᴰ", "PORTO CANAL", "Barça 720"]
VOD_MOVIES = ["Freddy vs. Jason (2003)", "Godzilla vs. Kong (2021)", "Scott Pilgrim vs. the World (2010)",
              "Creed III (2023)", "The Blind Side (2009)", "Ford v Ferrari (2019)", "Goal! (2005)",
              "Moneyball (2011)", "Pelé (2021)", "Alien vs. Predator (2004)", "Air (2023)", "Rush (2013)"]
VOD_SERIES = ["Welcome to Wrexham S04E02", "Drive to Survive S07E03", "The Last Dance S01E05",
              "Quarterback S01E04", "All or Nothing: Tottenham Hotspur S01E07", "Captains S01E03",
              "Hard Knocks S20E02", "Sunday League S01E01"]


def highlight_name(ev: Ev, k: int) -> tuple[str, str, str]:
    h, a = form(COMMON, ev.home), form(COMMON, ev.away)
    if k == 1:
        if ev.league in US:
            return _dm(f"[{SPORTWORD.get(ev.league, 'Hockey')}] {ev.away} vs. {ev.home} - Replay (ROXIE)")
        return _dm(f"[Football] {h} vs. {a} - Replay (ROXIE)")
    if k == 2:
        return (f"{DL_LG[ev.league].upper()} HIGHLIGHTS {form(DL_FORMS, ev.home)} vs {form(DL_FORMS, ev.away)}",
                "", "Eventi")
    if k == 3:
        return (f"Melhores momentos: {form(PT_FORMS, ev.home)} x {form(PT_FORMS, ev.away)}", "", "Replays")
    if k == 4:
        if ev.home in AR_FORMS and ev.away in AR_FORMS:
            return (f"ملخص مباراة {AR_FORMS[ev.home]} - {AR_FORMS[ev.away]}", "", "ملخصات")
        return (f"{DL_LG[ev.league]} : {h} vs {a} - Highlights", "", "")
    return (f"Resumen: {form(ES_FORMS, ev.home)} vs {form(ES_FORMS, ev.away)}", "", "EVENTOS")


def shows(ctx: Ctx) -> list[tuple[str, str, str]]:
    d = ctx.date
    if ctx.k == 1:
        wk = "MLB" if 4 <= d.month <= 10 else "NBA"
        return [(f"{wk} ESTA SEMANA", f"{wk} ESTA SEMANA", f"{wk} ESTA SEMANA"),
                _dm("[AEW] AEW Dynamite (iSTRMEAST)"),
                ("NFL ESTA SEMANA", "NFL ESTA SEMANA", "NFL ESTA SEMANA"),
                _dm("[Fighting] AEW (ROXIE)")]
    if ctx.k == 2 and dt.datetime(d.year, d.month, d.day, 12, tzinfo=UTC).astimezone(TZ["Europe/Paris"]).dst():
        # summer: this list carries no CET-stamped schedule, its TV listings come without a time
        return [("In Touch With Dr. Charles Stanley - FOXNY USA", "", ""), ("Motorhead Garage - Motor Trend", "", ""),
                ("Sportsman's Adventures Season 30, Episode 4 - Discovery USA", "", ""),
                ("General Hospital Season 62, Episode 240 - ABC USA", "", "")]
    if ctx.k == 2:
        stamp = f"{d:%m/%d/%y}"
        return [(f"In Touch With Dr. Charles Stanley {stamp} - 14:00 (CET) FOXNY USA", "", "Eventi"),
                (f"Motorhead Garage {stamp} - 14:30 (CET) Motor Trend", "", "Eventi"),
                (f"Sportsman's Adventures Season 30, Episode 4 {stamp} - 14:30 (CET) Discovery USA", "", "Eventi"),
                (f"General Hospital Season 62, Episode 240 {stamp} - 21:00 (CET) ABC USA", "", "Eventi")]
    if ctx.k == 3:
        return [("13:00 | Seleção sporTV | SPORTV", "", "Programas"),
                ("18:00 | Jogo Aberto | BAND", "", "Programas")]
    if ctx.k == 4:
        return [("المجلس | 22:00 | beIN SPORTS HD 1", "", "برامج"),
                ("AR: BEIN Sports NEWS HD | 20:00", "", "برامج"),
                ("Premier League World - beIN Sports MENA English 1", "", "")]
    return [("[18:00] ESPN F90 - ESPN", "Evento 12", "EVENTOS"),
            ("Futbol Picante - ESPN 2", "", ""),
            ("EVENTO 13 | R3sum3n de la Jornada | €$PN3", "", "EVENTOS DEL DÍA")]


# --------------------------------------------------------------------------------------------
# Build one playlist
# --------------------------------------------------------------------------------------------
def team_days(events: list[Ev], zone: str) -> dict[tuple[str, str], set[dt.date]]:
    out = defaultdict(set)
    for e in events:
        d = e.local(zone).date()
        out[(e.league, e.home)].add(d)
        out[(e.league, e.away)].add(d)
    return out


def idle(ev: Ev, day: dt.date, days: dict, span: int = 2) -> bool:
    rng = {day + dt.timedelta(days=i) for i in range(-span, span + 1)}
    return not (days[(ev.league, ev.home)] & rng) and not (days[(ev.league, ev.away)] & rng)


def compute_rounds(events: list[Ev]) -> dict[str, int]:
    """'Rodada' for the Brazilian agenda: the larger of the two teams' game counts in this league and
    season up to and including this game, as far as the snapshot shows them (an approximation)."""
    count: dict[tuple, int] = defaultdict(int)
    out = {}
    for e in events:  # sorted by time
        for t in (e.home, e.away):
            count[(e.league, e.season, t)] += 1
        out[e.id] = max(count[(e.league, e.season, e.home)], count[(e.league, e.season, e.away)])
    return out


def build(date: str, k: int, zone: str, events: list[Ev], rounds: dict) -> list[dict]:
    rng = random.Random(f"{SEED}-{date}-p{k}")
    ctx = Ctx(date, k, zone, rng, rounds)
    day = ctx.date
    todays = [e for e in events if e.local(zone).date() == day]
    ucity = {lg: unique_cities(events, lg) for lg in ("NBA", "NHL")}
    days = team_days(events, zone)

    # ---- event entries
    order = list(todays)
    rng.shuffle(order)
    if k == 4:  # the Arabic list is built around the clubs its agenda names in Arabic
        order.sort(key=lambda e: not compatible("ar_agenda_pipe", e, ctx, ucity))
    # games whose CET clock is already on the next day keep the schedule day's date in the DaddyLive shape
    # (the real list does this); make sure the CET list has them
    late_cet = {e.id for e in order if compatible("dl_mmddyy_cet_bcast", e, ctx, ucity) and k == 2
                and e.local("Europe/Paris").date() != day}
    order.sort(key=lambda e: e.id not in late_cet)
    blocks = []  # (ev, style, [(name, tvg, group)])
    n_entries = 0
    for ev in order:
        if n_entries >= EVENT_TARGET:
            break
        if ev.id in late_cet:
            s1 = "dl_mmddyy_cet_bcast"
        elif "Athletics" in (ev.home, ev.away) and any(st == "dm_league_at" for st, _ in POOLS[k]):
            s1 = "dm_league_at"  # carries the real scraper's doubled one-word name ("Athletics Athletics")
        else:
            s1 = pick_style(ev, ctx, ucity)
        if s1 is None:
            continue
        styles = [s1]
        if rng.random() < SECOND_STYLE_P[k]:
            s2 = pick_style(ev, ctx, ucity, exclude={s1})
            if s2:
                styles.append(s2)
        for s in styles:
            ents = SHAPES[s](ev, ctx)
            blocks.append((ev, s, ents))
            n_entries += len(ents)

    rows = []  # dicts: name,tvg,group,kind,event_id,style,ev,sortkey
    for ev, s, ents in blocks:
        for nm, tvg, grp in ents:
            rows.append(dict(name=nm, tvg=tvg, group=grp, kind="event", event_id=ev.id, style=s, ev=ev,
                             key=(ev.ts, s, nm)))

    # ---- negatives
    negs = []
    used_pairs = {(e.home, e.away) for e in todays}
    # highlights of yesterday's games whose teams do not play today
    yday = [e for e in events if e.local(zone).date() == day - dt.timedelta(days=1)
            and not ({day} & days[(e.league, e.home)]) and not ({day} & days[(e.league, e.away)])]
    rng.shuffle(yday)
    for e in yday[:5]:
        nm, tvg, grp = highlight_name(e, k)
        negs.append(dict(name=nm, tvg=tvg, group=grp, kind="decoy-highlights", style="decoy-highlights"))
    # other-day fixtures, teams idle from D-2 to D+2, written in the provider's own shapes with their own times
    window = [e for e in events if 4 <= abs((e.local(zone).date() - day).days) <= 21
              and (e.home, e.away) not in used_pairs]
    other = [e for e in window if idle(e, day, days)]
    rng.shuffle(other)
    if len(other) < 3:  # busy weekends: accept teams idle on D-1..D+1 only
        extra = [e for e in window if idle(e, day, days, span=1) and e not in other]
        rng.shuffle(extra)
        other += extra
    n_other = 0
    for e in other:
        if n_other >= 4:
            break
        s = pick_style(e, ctx, ucity)
        if s is None or s == "dl_mmddyy_cet_bcast" and e.local("Europe/Paris").tzname() != "CET":
            continue
        octx = Ctx(e.local(zone).date().isoformat(), k, zone, rng, rounds)
        octx.evento_no = 40 + n_other
        nm, tvg, grp = SHAPES[s](e, octx)[0]
        negs.append(dict(name=nm, tvg=tvg, group=grp, kind="decoy-otherday", style=s, other_id=e.id))
        n_other += 1
    # team-only club channels
    for nm in rng.sample(CLUB_TV, 3):
        negs.append(dict(name=nm, tvg=nm, group="\u2b50|SPORTS CHANNEL", kind="decoy-onesided", style="decoy-onesided"))
    # studio shows / TV episodes / magazine shows
    for nm, tvg, grp in shows(ctx):
        negs.append(dict(name=nm, tvg=tvg, group=grp, kind="decoy-show", style="decoy-show"))
    # events the snapshot does not have
    for item in OFFSNAPSHOT[k]:
        nm, grp = item if isinstance(item, tuple) else (item, OFFSNAP_GROUP[k])
        tvg = "16:30" if nm.startswith("Boca Juniors vs Platense") else nm
        negs.append(dict(name=nm, tvg=tvg, group=grp, kind="decoy-offsnapshot", style="decoy-offsnapshot"))
    # placeholders
    for nm, tvg, grp in PLACEHOLDERS[k]:
        negs.append(dict(name=nm, tvg=tvg, group=grp, kind="placeholder", style="placeholder"))
    if k == 5:
        negs.append(dict(name=f"EVENTOS DEL DIA - {day.day} {MESES[day.month - 1]} {day.year}", tvg="",
                         group="EVENTOS DEL DÍA", kind="placeholder", style="placeholder"))

    # interleave decoys among the event rows, deterministically
    rows.sort(key=lambda r: r["key"])
    headers = [n for n in negs if n["name"].startswith("EVENTOS DEL DIA")]
    for n in negs:
        if n not in headers:
            rows.insert(rng.randint(0, len(rows)), n)
    if k == 1:  # the doms9-style aggregate lists its "Live Events" group sorted by name
        rows.sort(key=lambda r: (r["group"] != LIVE_EVENTS, r["group"], r["name"]))
    rows = headers + rows
    if k == 5:  # slot numbers follow the order of the list, as the real lists number them
        n_ev = n_slot = 0
        for r in rows:
            if r["group"] == "EVENTOS DEL DÍA" and r["name"].startswith("EVENTO "):
                n_ev += 1
                r["name"] = re.sub(r"^EVENTO \d+", f"EVENTO {n_ev}", r["name"])
            if r["group"] == "EVENTOS" and r["tvg"].startswith("Evento "):
                n_slot += 1
                r["tvg"] = f"Evento {n_slot}"
    # linear channels and VOD at the end, as providers list them
    for nm in LIVE[k]:
        rows.append(dict(name=nm, tvg=nm, group="\u2b50|SPORTS CHANNEL" if k != 5 else "DEPORTES", kind="live",
                         style="live"))
    movies = rng.sample(VOD_MOVIES, 5)
    series = rng.sample(VOD_SERIES, 3)
    for nm in movies:
        rows.append(dict(name=nm, tvg=nm, group="VOD | Movies", kind="vod", style="vod", vod="movie"))
    for nm in series:
        rows.append(dict(name=nm, tvg=nm, group="VOD | Series", kind="vod", style="vod", vod="series"))

    ymd = day.strftime("%Y%m%d")
    for i, r in enumerate(rows, 1):
        if r.get("vod") == "movie":
            r["url"] = f"http://prov4.example/movie/u{k}/p{k}/{ymd}{i:04d}.mp4"
        elif r.get("vod") == "series":
            r["url"] = f"http://prov4.example/series/u{k}/p{k}/{ymd}{i:04d}.mkv"
        else:
            r["url"] = f"http://prov4.example/live/u{k}/p{k}/{ymd}{i:04d}.ts"
    return rows


def write(date: str, k: int, rows: list[dict]) -> None:
    base = HERE / f"{date}-p{k}"
    with open(f"{base}.m3u", "w", encoding="utf-8", newline="\n") as f:
        f.write("#EXTM3U\n")
        for r in rows:
            tvg = r["tvg"].replace('"', "'")
            grp = r["group"].replace('"', "'")
            f.write(f'#EXTINF:-1 tvg-id="" tvg-name="{tvg}" tvg-logo="" group-title="{grp}",{r["name"]}\n')
            f.write(r["url"] + "\n")
    with open(f"{base}.labels.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["url", "kind", "event_id", "style", "name"])
        for r in rows:
            w.writerow([r["url"], r["kind"], r.get("event_id", ""), r["style"], r["name"]])
    with open(f"{base}.expect.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["url", "kind", "start_utc", "tolerance_min", "title_keys", "event_id", "style", "name"])
        for r in rows:
            if r["kind"] == "decoy-offsnapshot":
                continue
            if r["kind"] == "event":
                ev = r["ev"]
                w.writerow([r["url"], "event", ev.ts.strftime("%Y-%m-%dT%H:%M:%SZ"), 20, title_keys(ev), ev.id,
                            r["style"], r["name"]])
            else:
                w.writerow([r["url"], "negative", "", "", "", "", r["style"], r["name"]])


def main() -> None:
    events = load_events()
    rounds = compute_rounds(events)
    used = set()
    for date, k, zone in PLAYLISTS:
        rows = build(date, k, zone, events, rounds)
        used |= {r["style"] for r in rows if r["kind"] == "event"}
        write(date, k, rows)
    missing = set(SHAPES) - used
    assert not missing, f"shapes never used: {sorted(missing)}"


if __name__ == "__main__":
    main()
