package dlwj.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.DatasetUnavailableException;
import dlwj.datasets.files.FixtureServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Jena climate CSV, downloaded and read out of its zip as listings 6.28-6.29 read it, each row checked. */
class JenaClimateTest {

    private static final String ZIP = "jena_climate_2009_2016.csv.zip";

    @TempDir
    Path home;
    @TempDir
    Path mirror;

    private DataSource source() {
        return Fixtures.offlineSource(home, mirror);
    }

    @Test
    void downloadedAgainAfterABrokenTransferThenReadAsFloatData() throws Exception {
        try (FixtureServer server = new FixtureServer().serve("/keras/" + ZIP, Fixtures.jenaZip(Fixtures.jenaCsv(1000)))) {
            server.failNext(FixtureServer.Failure.TRUNCATED);
            DataSource source = source().withMirror(server.url("/keras/")).withRetries(2, Duration.ofMillis(5));

            ClimateData data = JenaClimate.loadData(source);

            assertEquals(2, server.requests("/keras/" + ZIP));
            assertEquals(JenaClimate.HEADER, data.header());
            assertEquals(1000, data.rows());
            assertEquals(14, data.columns());
            assertEquals(1000 * 14, data.floatData().length);
            assertEquals("01.01.2009 00:10:00", data.dateTimes()[0]);
            assertEquals("07.01.2009 22:40:00", data.dateTimes()[999]);
            assertArrayEquals(new float[] {996.52f, -8.02f, 265.40f, -8.90f, 93.30f, 3.33f, 3.11f, 0.22f, 1.94f, 3.12f,
                    1307.75f, 1.03f, 1.75f, 152.30f}, data.row(0));
            assertEquals((float) (-8.02 + 0.01 * 999), data.get(999, 1), 1e-5);
            assertEquals(home.resolve("datasets/" + ZIP), source.cachedPath(JenaClimate.DATA));
        }
    }

    @Test
    void zipWithABadCrcFromAMirrorIsNeverCachedAndAGoodOneIsUsedNextTime() throws Exception {
        byte[] zip = Fixtures.storedZip(Map.of(JenaClimate.CSV, Fixtures.jenaCsv(5).getBytes(StandardCharsets.UTF_8)));
        byte[] damaged = zip.clone();
        int value = new String(damaged, StandardCharsets.ISO_8859_1).indexOf("996.52");
        damaged[value] = '7'; // 796.52: a number still, which only the CRC-32 tells
        Fixtures.write(mirror.resolve(ZIP), damaged);

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> JenaClimate.loadData(source()));

        assertTrue(e.getMessage().contains("the file is not valid: " + ZIP + " is damaged: its entry " + JenaClimate.CSV
                + " has CRC-32"), e.getMessage());
        assertFalse(Files.exists(home.resolve("datasets/" + ZIP)), "not kept");
        Fixtures.write(mirror.resolve(ZIP), zip);
        assertEquals(996.52f, JenaClimate.loadData(source()).get(0, 0));
    }

    @Test
    void finalLineEndIsAllowed() throws Exception {
        Fixtures.write(mirror.resolve(ZIP), Fixtures.jenaZip(Fixtures.jenaCsv(3) + "\r\n"));

        assertEquals(3, JenaClimate.loadData(source()).rows());
    }

    @Test
    void rowWithFourteenFieldsNamesItsLine() throws Exception {
        String csv = Fixtures.jenaCsv(5).replace(",1.03,1.75,152.30\n01.01.2009 00:40", ",1.75,152.30\n01.01.2009 00:40");
        Fixtures.write(mirror.resolve(ZIP), Fixtures.jenaZip(csv));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> JenaClimate.loadData(source()));

        assertTrue(e.getMessage().contains("jena_climate_2009_2016.csv, line 4: 14 fields, expected 15 (01.01.2009 00:30:00,"),
                e.getMessage());
    }

    @Test
    void wrongHeaderNamesTheColumn() throws Exception {
        Fixtures.write(mirror.resolve(ZIP), Fixtures.jenaZip(Fixtures.jenaCsv(5).replace("\"T (degC)\"", "\"T (K)\"")));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> JenaClimate.loadData(source()));

        assertTrue(e.getMessage().contains("jena_climate_2009_2016.csv, line 1: column 3 of the header is 'T (K)', "
                + "expected 'T (degC)'"), e.getMessage());
    }

    @Test
    void valueThatIsNotANumberNamesLineAndColumn() throws Exception {
        Fixtures.write(mirror.resolve(ZIP), Fixtures.jenaZip(Fixtures.jenaCsv(5).replace("00:20:00,996.52,-8.01",
                "00:20:00,996.52,NaN")));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> JenaClimate.loadData(source()));

        assertTrue(e.getMessage().contains("jena_climate_2009_2016.csv, line 3: T (degC) is 'NaN', not a number"),
                e.getMessage());
    }

    @Test
    void emptyLineBeforeMoreRowsIsRefused() throws Exception {
        Fixtures.write(mirror.resolve(ZIP), Fixtures.jenaZip(Fixtures.jenaCsv(5).replace("\n01.01.2009 00:30", "\n\n01.01.2009 00:30")));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> JenaClimate.loadData(source()));

        assertTrue(e.getMessage().contains("jena_climate_2009_2016.csv, line 4: an empty line"), e.getMessage());
    }

    @Test
    void zipWithoutTheCsvIsRefusedBeforeItIsCached() throws Exception {
        Fixtures.write(mirror.resolve(ZIP), Fixtures.zip(Fixtures.files("jena.csv", Fixtures.jenaCsv(2))));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> JenaClimate.loadData(source()));

        assertTrue(e.getMessage().contains("the file is not valid: " + ZIP + " has no entry jena_climate_2009_2016.csv"),
                e.getMessage());
    }
}
