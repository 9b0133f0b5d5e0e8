"""The seed report's two goal tables (Heinola, Elinvoimalautakunta, 1-6/2022), checked twice: in the hand
transcription (tests/extract/expected/, once the landing file data/landing/goals/ held), and in raw.goals after a
real `kuntatalous ingest` of a landing folder holding only the report, which the goal reader reads. Every
expected value below was read by hand from the report text
(data/landing/reports/heinola_elinvoimalautakunta_2022_06.txt); line numbers refer to that file."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tests.support import kuntatalous

PROJECT_DIR = Path(__file__).resolve().parents[2]
GOALS_CSV = PROJECT_DIR / "tests" / "extract" / "expected" / "heinola_elinvoimalautakunta_2022_goals.csv"
REPORT = PROJECT_DIR / "data" / "landing" / "reports" / "heinola_elinvoimalautakunta_2022_06.txt"

COLUMNS = [
    "goal_id",
    "fiscal_year",
    "municipality",
    "committee",
    "level",
    "strategic_theme",
    "goal",
    "measures",
    "target",
    "reported_at",
    "realization",
    "responsible",
    "status",
]
STATUSES = {"Toteutuu", "Toteutuu osittain", "Ei toteudu", "Ei tietoa"}
MARCH, JUNE = "2022-03-31", "2022-06-30"


@dataclass(frozen=True)
class Expected:
    status: str  # Tila, printed once per row; it is the 30.6. status
    responsible: tuple[str, ...]  # Vastuu, in print order
    goal_paragraphs: int  # sub-goals / paragraphs printed in the goal cell
    measure_paragraphs: int  # paragraphs printed in the "Mittari ja tavoitetaso" cell
    june: tuple[str, ...]  # paragraphs of "Toteuma 30.6." quoted verbatim
    march: tuple[str, ...] = ()  # paragraphs of "Toteuma 31.3." quoted verbatim
    theme: str | None = None  # strategic table only


STRATEGIC = {
    "HEI-ELV-2022-S01": Expected(
        "Toteutuu",
        (),
        1,
        0,
        june=(
            (
                "Aktivointiaste oli toukokuussa 26 prosenttia. Työllistymistä edistävissä palveluissa oli kesäkuussa "
                "TE-toimiston mukaan 341 eri henkilöä Heinolassa."
            ),
        ),
        theme="Hyvinvoinnin kasvu • Hyvinvointi lisääntyy • Kasvu tapahtuu kestävästi",
    ),
    "HEI-ELV-2022-S02": Expected(
        "Toteutuu",
        (),
        1,
        0,
        june=(
            "Tonttimyynnistä on toteutunut noin 70% vuoden tavoitteesta.",
            (
                "Keskustan kehittämistä varten on järjestetty asukkaille tilaisuuksia keskustan alueen kehittämiseksi. "
                "tämä yhteistyö jatkuu loppuvuoden aikana."
            ),
        ),
        theme="Uudistuva työ ja asuminen • Keskustan elinvoima kasvaa • Nettomuutto kasvaa",
    ),
    "HEI-ELV-2022-S03": Expected(
        "Toteutuu osittain",
        (),
        1,
        0,
        june=(
            (
                "Kuntabarometristä on alettu valmistella säännöllistä kyselyä Heinolassa toimiville yrityksille. "
                "Keväällä 2022 toteutettuun kuntabarometriin saatiin enemmän vastaajia kuin aikaisempina vuosina, "
                "mutta vastaavien yritysten määrää on tarve edelleen merkittävästi lisätä."
            ),
        ),
        theme="Toimija keskiössä • Heinolan arvostus kasvaa • Päätöksenteko perustuu tietoon • "
        "Henkilöstö on motivoitunutta",
    ),
    "HEI-ELV-2022-S04": Expected(
        "Toteutuu",
        (),
        1,
        0,
        june=('"ETVT"-hankkeen tietosisällöt ovat käytössä.',),
        theme="Toimija keskiössä • Heinolan arvostus kasvaa • Päätöksenteko perustuu tietoon • "
        "Henkilöstö on motivoitunutta",
    ),
    "HEI-ELV-2022-S05": Expected(
        "Toteutuu",
        (),
        1,
        0,
        june=(
            (
                "Kevan verkkotyökalulla keväällä 2022 toteutetun työhyvinvointikyselyn esihenkilöarvioinnin tulosten "
                "keskiarvo oli 3.82 asteikon ollessa 1-5."
            ),
        ),
        theme="Toimija keskiössä • Heinolan arvostus kasvaa • Päätöksenteko perustuu tietoon • "
        "Henkilöstö on motivoitunutta",
    ),
    "HEI-ELV-2022-S06": Expected(
        "Toteutuu",
        (),
        1,
        0,
        june=(
            (
                "Kaupungin kiinteistöjä ostaneiden tahojen kanssa jatketaan yhteistyötä mm. kaavoitussuunnittelun "
                "osalta, jotta kiinteistöjä päästään kehittämään ja niitä saadaan uuteen käyttöön."
            ),
        ),
        theme="Talouden tasapaino • Velkamäärä vähentyy • Tilatehokkuus paranee • Nettomenojen kasvu on hallinnassa",
    ),
}

OPERATIONAL = {
    "HEI-ELV-2022-O01": Expected(
        "Toteutuu",
        ("Hankejohtaja", "Työllisyyskoordinaattori", "Elinvoimajohtaja"),
        6,
        6,
        march=(
            (
                "Maaliskuun loppuun mennessä on valmennettu yhteensä 14 aloittavaa yrittäjää alkuun yrityksen "
                "perustamisessa ja eri toimialojen pienyrityksiä tekemään yhä kannattavampaa liiketoimintaa."
            ),
            "Asemakaavat etenevät sunnitelluissa aikatauluissa.",
        ),
        june=(
            (
                "Torpan eri pajoilla on mahdollisuus suorittaa seuraavien ammattialojen tutkintojen osia: media, "
                "liiketoiminta, pintakäsittely, käsi- ja taideteollisuus, ravintola- ja catering sekä logistiikka. "
                "Koulutushteistyö tapahtuu koulutuskeskus Salapauksen kanssa."
            ),
            (
                "Valmennettu yhteensä 21 aloittavaa yrittäjää tai pienyritystä, jotta niiden liiketoiminnasta "
                "saataisiin kannattavaa."
            ),
        ),
    ),
    "HEI-ELV-2022-O02": Expected(
        "Toteutuu",
        ("Työllisyyskoordinaattori",),
        1,
        10,
        march=(
            (
                "Aktivointiaste Heinolassa oli vuoden 2021 lopussa 22,4 prosenttia ja kuluvan vuoden helmikuussa "
                "24,7 prosenttia. Maaliskuussa aktivointiaste oli 23,7 prosenttia."
            ),
            "Matkahuoltoasiamiespiste on avattu Työpaja Torpalla. Toiminta on käynnistyt hyvin.",
        ),
        june=(
            "Aktivointiaste on noussut Heinolassa (kesäkuu) 26 prosenttiin.",
            (
                "Kaupungin työllisyyspalvelut jatkaa yritysten kanssa tehtävää rekrytointiyhteistyötä markkinoimalla "
                "omia ja TE-toimiston työllistymistä edistäviä palveluja"
            ),
        ),
    ),
    "HEI-ELV-2022-O03": Expected(
        "Toteutuu",
        ("Hankejohtaja", "Kulttuurisihteeri", "Elinvoimajohtaja"),
        3,
        6,
        march=(
            (
                "Kestävän matkailun ohjelma rakentuu osana HIT- Heinolan ilmastotiekarttaa ja yhteistyössä "
                "matkailualan yritysten kanssa. Ilmastokumppannuussitoumuksen on tehnyt neljä heinolalaista "
                "yritystä."
            ),
        ),
        june=(
            "HIT - Heinolan ilmastotiekartan laatiminen ja käyttöönotto on edennyt suunnitelman mukaisesti.",
        ),
    ),
    "HEI-ELV-2022-O04": Expected(
        "Toteutuu",
        ("Hankejohtaja", "Kulttuurisihteeri", "Kaupungin arkkitehti", "Palvelualuejohtaja"),
        4,
        4,
        march=(
            (
                "Niemelän alueen yleissuunnitelma (Kumpeli-Heinäsaari) on käynnistynyt ja siinä on muun muassa "
                "tehty yhteystyötä LAB-ammattikorkeakoulun YAMK-opiskelijoiden kanssa, jotka ovat laatineet "
                "kehittämisehdotuksia alueelle."
            ),
        ),
        june=(
            (
                "Keskustan yhteistyökehittämistapaa valmistellaan alueen yritysten, kiinteistönomistajien ja muiden "
                "toimijoiden kanssa."
            ),
        ),
    ),
    "HEI-ELV-2022-O05": Expected(
        "Toteutuu",
        ("Kulttuurisihteeri", "Rakennuspäällikkö"),
        1,
        1,
        march=(
            (
                "Jään ja valon juhla 24.-27.2.2022 Valotaideteokset toteutettiin yhdessä helsinkiläisen Sun Effects "
                "Oy:n kanssa. Valotaidepolku kulki WPK-talolta Rantapuiston kautta aina Siltasaareen asti. Vanha "
                "rautatiesilta sai tapahtuman ajaksi juhlavalaistuksen sillan viettäessä 90v. juhlavuottaan. "
                "Tapahtumassa vieraili neljän illan aikana tuhansia kävijöitä ja tapahtuma sai valtavasti näkyvyyttä "
                "kävijöiden julkaistessa sosiaalisen median eri kanavissa kuvia tapahtumasta"
            ),
        ),
        june=(
            (
                "Kesäteatteri on jatkanut kesäkauden merkittävimpänä tapahtumakokonaisuutena. Heinolan neljää "
                "vuodenaikaa rytmittää markkinoinnin vuosikello, johon on päivitetty keskeiset vuoden tapahtumat."
            ),
        ),
    ),
    "HEI-ELV-2022-O06": Expected(
        "Toteutuu osittain",
        (
            "Hankejohtaja",
            "Kulttuurisihteeri",
            "Palvelualuejohtaja",
            "Kaupungin arkkitehti",
            "Elinvoimajohtaja",
        ),
        5,
        6,
        march=(
            (
                "Alaräävelin rantayleiskaava on ollut luonnoksena nähtävillä ja tarvittavat selviytksien päivitykset "
                "on tehty. Yleikaavaehdotuksen valmistelua ei kuitenkaan ole vielä aloitettu."
            ),
        ),
        june=(
            (
                "Tonttien myynnissä on toteutunut 70% vuoden tavoitteesta. Tontteja on myyty yhteensä noin "
                "840.000 eurolla."
            ),
            (
                "Ala-Räävelin-Keskisen rantaosayleiskaava on ollut luonnoksena nähtävillä. Tarvittavat selvitysten "
                "päivitykset on tehty. Yleiskaavan ehdotusvaiheen valmistelu on aloitettu, tavoitteena ehdotuksen "
                "laatiminen syyskauden kuluessa."
            ),
        ),
    ),
    "HEI-ELV-2022-O07": Expected(
        "Toteutuu",
        ("Palvelualuejohtaja", "Kaupungin arkkitehti"),
        2,
        2,
        march=(
            (
                "Mustikkahaan yleissuunnitelmaa ollaan käynnistämässä asukastilaisuuksissa saatujen ideoiden ja "
                "palautteiden pohjalta kevään aikana."
            ),
        ),
        june=(
            (
                "Mustikkahaan yleisten alueiden yleissuunnittelu on käynnistetty asukastilaisuuuksissa saatujen "
                "ideoiden ja palautteiden pohjalta."
            ),
        ),
    ),
    "HEI-ELV-2022-O08": Expected(
        "Toteutuu",
        ("Kulttuurisihteeri", "Palvelualuejohtaja", "Kaupungin arkkitehti"),
        3,
        3,
        march=(
            (
                "Heinolalaisia yrityksiä on osallistettu alkuvuoden yritysbarometrikyselyyn, jonka tulokset saadaan "
                "toukokuun aikana."
            ),
        ),
        june=(
            (
                "Heinola sijoittuu Päijät-Hämeessä elinkeinopolitiikan kokonaisarvioinnissa neljänneksi arvosanalla "
                "3 asteikolla 1-5."
            ),
            (
                "Heinolan kaupunki sai Kuntabarometrikyselyssäkeväällä 2022 hyvät pisteet yrittäjiltä, kun kuntien "
                "tarjoamia palveluja yrityksille vertailtiin eri kuntien kesken."
            ),
        ),
    ),
    "HEI-ELV-2022-O09": Expected(
        "Toteutuu osittain",
        ("Työllisyyskoordinaattori", "Palvelualuejohtaja", "Kaupungin arkkitehti"),
        3,
        5,
        march=(
            "Päijät-Hämeen TYP-johtoryhmä ohjeistaa myöhemmin tänä vuonna TYP-järjestelmän käyttöönoton.",
        ),
        june=(
            (
                "Lakisääteisen työllistymistä edistävän monialaisen yhteispalvelun (TYP) kehittäminen jatkuu "
                "yhteistyössä TYP-verkostokoordinaattorin kanssa."
            ),
        ),
    ),
    "HEI-ELV-2022-O10": Expected(
        "Ei tietoa",
        ("Hankejohtaja", "Kulttuurisihteeri", "Työllisyyskoordinaattori", "Palvelualuejohtaja"),
        1,
        3,
        june=(
            (
                "Kevan verkkotyökalulla keväällä 2022 toteutetun työhyvinvointikyselyn esihenkilöarvioinnin tulosten "
                "keskiarvo oli 3.82."
            ),
            (
                "Kiinteistö- ja mittauspalveluiden henkilöstön suunnittelemat työhyvinvointia edistävät toimenpiteet "
                "on aloitettu."
            ),
        ),
    ),
    "HEI-ELV-2022-O11": Expected(
        "Toteutuu",
        ("Hankejohtaja", "Kaupungin arkkitehti"),
        1,
        1,
        march=(
            (
                "Heinäsaaren, Vesitornin, Kylpylän ja Vanhan paloaseman myynti- ja kehittämisprosessit ovat "
                "edenneet suunnitelmien mukaan .Sote-kiinteistöjen myyntiä valmistellaan."
            ),
        ),
        june=("Kaupungin Sote-kiinteistöjen myyntikilpailutusprosessi on käynnissä.",),
    ),
    "HEI-ELV-2022-O12": Expected(
        "Toteutuu",
        ("Palvelualuejohtaja", "Kaupungin arkkitehti"),
        1,
        1,
        march=("Asemakaavat etenevät suunnitelluissa aikatauluissa.",),
        june=(
            (
                "Asemakaavamuutokset etenevät positiivisesti yhteistyötahojen kanssa. Vanhan paloaseman "
                "asemakaavamuutos (695/Akm) on tullut lainvoimaiseksi."
            ),
        ),
    ),
}
EXPECTED = {**STRATEGIC, **OPERATIONAL}


def read_goals_csv(path: Path) -> pl.DataFrame:
    """Every column as text, exactly as written in the file (empty fields become null)."""
    return pl.read_csv(path, infer_schema=False, encoding="utf8")


@dataclass(frozen=True)
class IngestedLanding:
    landing: Path
    build_db: Path


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> IngestedLanding:
    """A landing folder holding only the report, ingested by the real CLI into a real DuckDB file."""
    root = tmp_path_factory.mktemp("goals_ingest")
    landing, build_db = root / "landing", root / "build" / "kuntatalous_build.duckdb"
    (landing / "reports").mkdir(parents=True)
    shutil.copy(REPORT, landing / "reports" / REPORT.name)
    env = {
        **os.environ,
        "KUNTATALOUS_LANDING": str(landing),
        "KUNTATALOUS_BUILD_DB": str(build_db),
        "KUNTATALOUS_ARTIFACTS": str(root / "artifacts"),
    }
    result = kuntatalous("ingest", "--quiet", env=env, check=False)
    assert result.returncode == 0, f"kuntatalous ingest failed:\n{result.stdout}\n{result.stderr}"
    return IngestedLanding(landing, build_db)


def read_raw_goals(build_db: Path) -> pl.DataFrame:
    """raw.goals in file order, every contract column as text the way the CSV writes it."""
    as_text = ", ".join(
        {
            "fiscal_year": "fiscal_year::varchar as fiscal_year",
            "reported_at": "strftime(reported_at, '%Y-%m-%d') as reported_at",
        }.get(c, c)
        for c in COLUMNS
    )
    with duckdb.connect(str(build_db), read_only=True) as con:
        return con.sql(f"select {as_text} from raw.goals order by _source_row, reported_at").pl()


@pytest.fixture(scope="module", params=["transcription", "raw.goals"])
def goals(request) -> pl.DataFrame:
    if request.param == "transcription":
        return read_goals_csv(GOALS_CSV)
    return read_raw_goals(request.getfixturevalue("ingested").build_db)


def row(goals: pl.DataFrame, goal_id: str, reported_at: str) -> dict:
    rows = goals.filter((pl.col("goal_id") == goal_id) & (pl.col("reported_at") == reported_at)).to_dicts()
    assert len(rows) == 1, f"{goal_id} {reported_at}: {len(rows)} rows"
    return rows[0]


def paragraphs(text: str | None) -> list[str]:
    return text.split("\n") if text else []


# ---------------------------------------------------------------------------------------------- shape


def test_columns_are_the_raw_goals_contract(goals):
    assert goals.columns == COLUMNS


def test_goal_counts_per_table(goals):
    per_level = dict(goals.group_by("level").agg(pl.col("goal_id").n_unique()).iter_rows())
    assert per_level == {"strategic": 6, "operational": 12}
    assert goals.height == 6 + 12 * 2


def test_one_row_per_goal_and_reporting_date(goals):
    dates = {gid: sorted(ds) for gid, ds in goals.group_by("goal_id").agg(pl.col("reported_at")).iter_rows()}
    assert dates == {**{gid: [JUNE] for gid in STRATEGIC}, **{gid: [MARCH, JUNE] for gid in OPERATIONAL}}


def test_report_identity_columns(goals):
    assert set(goals["fiscal_year"]) == {"2022"}
    assert set(goals["municipality"]) == {"Heinola"}
    assert set(goals["committee"]) == {"Elinvoimalautakunta"}
    # the report prints measure and target level in one cell, so the whole cell is in `measures`
    assert goals["target"].null_count() == goals.height


# ---------------------------------------------------------------------------------------------- status


def test_no_status_outside_the_vocabulary(goals):
    assert set(goals["status"].drop_nulls()) <= STATUSES


@pytest.mark.parametrize("goal_id", list(EXPECTED))
def test_status_as_printed(goals, goal_id):
    assert row(goals, goal_id, JUNE)["status"] == EXPECTED[goal_id].status


def test_march_status_is_not_printed(goals):
    # the report has a single Tila column, the state at 30.6.; 31.3. rows carry no status
    assert goals.filter(pl.col("reported_at") == MARCH)["status"].null_count() == len(OPERATIONAL)


def test_empty_template_rows_are_not_goals(goals):
    # lines 25-26, 62-63, 108-109, 131-132 and 1363-1365 are rows of empty cells whose Tila reads "Ei tietoa";
    # the only goal whose status really is "Ei tietoa" is the well-being survey row (lines 1657-1713)
    assert goals.filter(pl.col("status") == "Ei tietoa")["goal_id"].to_list() == ["HEI-ELV-2022-O10"]


# ---------------------------------------------------------------------------------------------- cells


@pytest.mark.parametrize("goal_id", list(EXPECTED))
def test_responsible_as_printed(goals, goal_id):
    for reported_at in (MARCH, JUNE) if goal_id in OPERATIONAL else (JUNE,):
        responsible = row(goals, goal_id, reported_at)["responsible"]
        assert tuple(responsible.split(", ") if responsible else ()) == EXPECTED[goal_id].responsible


@pytest.mark.parametrize("goal_id", list(EXPECTED))
def test_realization_verbatim(goals, goal_id):
    expected = EXPECTED[goal_id]
    for paragraph in expected.june:
        assert paragraph in paragraphs(row(goals, goal_id, JUNE)["realization"])
    for paragraph in expected.march:
        assert paragraph in paragraphs(row(goals, goal_id, MARCH)["realization"])


def test_empty_march_realization_stays_empty(goals):
    # line 1691: the Toteuma 31.3. cell of the well-being survey row is empty
    assert row(goals, "HEI-ELV-2022-O10", MARCH)["realization"] is None
    assert goals.filter(pl.col("reported_at") == MARCH)["realization"].null_count() == 1


@pytest.mark.parametrize("goal_id", list(EXPECTED))
def test_goal_and_measure_paragraph_counts(goals, goal_id):
    expected = EXPECTED[goal_id]
    for r in goals.filter(pl.col("goal_id") == goal_id).to_dicts():
        assert len(paragraphs(r["goal"])) == expected.goal_paragraphs
        assert len(paragraphs(r["measures"])) == expected.measure_paragraphs


@pytest.mark.parametrize("goal_id", list(OPERATIONAL))
def test_goal_and_measures_repeat_on_both_dates(goals, goal_id):
    march, june = row(goals, goal_id, MARCH), row(goals, goal_id, JUNE)
    assert (march["goal"], march["measures"]) == (june["goal"], june["measures"])


@pytest.mark.parametrize("goal_id", list(STRATEGIC))
def test_strategic_theme(goals, goal_id):
    assert row(goals, goal_id, JUNE)["strategic_theme"] == EXPECTED[goal_id].theme


def test_operational_goals_have_no_theme(goals):
    operational = goals.filter(pl.col("level") == "operational")
    assert operational["strategic_theme"].null_count() == operational.height == 2 * len(OPERATIONAL)


def test_selected_goal_and_measure_texts(goals):
    o01 = row(goals, "HEI-ELV-2022-O01", JUNE)
    assert paragraphs(o01["goal"])[1] == (
        "Uusia työpaikkoja syntyy: Valmennetaan kumppaniverkoston avulla aloittavia ja toimivia pienyrityksiä "
        "kannattavaan kasvuun. Uudistetaan yritystoiminnan neuvonta- ja kehittämispalveluja kumppaniverkoston "
        "kanssa aloittavien ja toimivien pienyritysten tarpeita vastaaviksi."
    )
    assert paragraphs(o01["measures"])[1] == (
        "Mittari: Valmennetaan 30 aloittavaa tai jo toimivaa pienyritystä kannattavaan toimintaan."
    )
    o06 = row(goals, "HEI-ELV-2022-O06", JUNE)
    assert (
        paragraphs(o06["measures"])[2]
        == "Mittari: Myyty 1.200.000 euron arvosta tontteja vuoden 2022 aikana."
    )
    o08 = row(goals, "HEI-ELV-2022-O08", JUNE)
    assert "järjestetään 3-4- kaupunginosa/kylätapahtumaa (koronarajoituksien puitteissa)" in o08["measures"]
    s05 = row(goals, "HEI-ELV-2022-S05", JUNE)
    assert s05["goal"] == (
        "Työhyvinvointikyselyn tulokset vähintään vuoden 2021 tasoa. Esimiestyötä koskevien "
        "arviointien keskiarvo vähintään 3,8."
    )


def test_no_wrapping_left_in_texts(goals):
    text_columns = ["strategic_theme", "goal", "measures", "realization", "responsible"]
    for column in text_columns:
        for value in goals[column].drop_nulls():
            for paragraph in value.split("\n"):
                assert paragraph and paragraph == paragraph.strip(), (column, paragraph)
                assert "  " not in paragraph, (column, paragraph)
    # words the PDF split across lines are joined again
    everything = "\n".join("\n".join(goals[c].drop_nulls()) for c in text_columns)
    for fragment in (
        "Työllisyyskoordina ",
        "aluekehittämissuunnit ",
        "yleissuunnitelmakokonaisuude ",
        "toimintaympäristöanal ",
        "TE- ",
        "TYP- ",
        "asemakaavamuutokset .",
    ):
        assert fragment not in everything


# ---------------------------------------------------------------------------------------------- ingest


def test_ingest_keeps_every_row_and_cell(ingested):
    # the goals read from the report equal the hand transcription cell for cell
    assert read_raw_goals(ingested.build_db).equals(read_goals_csv(GOALS_CSV))


def test_ingest_lineage_and_load_log(ingested):
    with duckdb.connect(str(ingested.build_db), read_only=True) as con:
        lineage = con.sql(
            "select _source_path, count(*), count(distinct _source_row), min(_source_row), max(_source_row)"
            " from raw.goals group by all"
        ).fetchall()
        log = con.sql(
            "select source_path, kind, status, rows_read, rows_loaded, rows_rejected from raw.load_log"
            " where kind = 'report_goals'"
        ).fetchall()
        rejected = con.sql("select count(*) from raw.rejected_rows").fetchall()
    path = f"reports/{REPORT.name}"
    # 30 rows of 18 goals; a row's line is where its goal cell starts: S01 on line 12 … O12 on line 1760
    assert lineage == [(path, 30, 18, 12, 1760)]
    assert log == [(path, "report_goals", "loaded", 30, 30, 0)]
    assert rejected == [(0,)]
