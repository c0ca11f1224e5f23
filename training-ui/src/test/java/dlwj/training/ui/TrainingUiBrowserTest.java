package dlwj.training.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dlwj.training.KerasDefaults;
import dlwj.training.Metric;
import dlwj.training.Trainer;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * DL4J's training UI in a real browser: Debian's chromium, headless, driven through its chromedriver by Selenium.
 * Without them (apt-get install chromium chromium-driver) the test is skipped, unless the environment variable
 * {@code DLWJ_TOOL_TESTS} is {@code required}, as {@code .ci/run} sets it.
 */
class TrainingUiBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "required".equals(System.getenv("DLWJ_TOOL_TESTS"))) {
            fail("DLWJ_TOOL_TESTS=required but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: "
                    + "apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "chromium and chromedriver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,900", "--user-data-dir=" + dir.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theLiveUiShowsTheLossChartAndTheModelsLayers() throws Exception {
        MultiLayerNetwork model = smallClassifier();
        try (TrainingUi ui = TrainingUi.record(model, dir.resolve("ui-stats.bin"), Optional.of(freePort()))) {
            train(model);

            browser.get(ui.url().orElseThrow());
            assertTrue(await(() -> !browser.findElements(By.cssSelector("#scoreiterchart .flot-x-axis .tickLabel"))
                    .isEmpty()), "the loss chart has no x axis: " + browser.getPageSource());
            assertEquals(String.valueOf(model.numParams()), await(() -> text("nParams"), "161"));
            assertEquals("MultiLayerNetwork", text("modelType"));

            browser.get(ui.url().orElseThrow().replace("/overview", "/model"));
            assertEquals(List.of("Input\n(Input)", "Dense\n(layer0)", "Output\n(layer1)"), await(this::layerNames,
                    List.of("Input\n(Input)", "Dense\n(layer0)", "Output\n(layer1)")));
        }
    }

    @Test
    void aSavedStatsFileShowsTheSameTraining() throws Exception {
        MultiLayerNetwork model = smallClassifier();
        Path stats = dir.resolve("ui-stats.bin");
        try (TrainingUi ignored = TrainingUi.record(model, stats, Optional.empty())) {
            train(model);
        }

        try (TrainingUi ui = TrainingUi.open(stats, freePort())) {
            browser.get(ui.url().orElseThrow());
            assertTrue(await(() -> !browser.findElements(By.cssSelector("#scoreiterchart .flot-x-axis .tickLabel"))
                    .isEmpty()), "the loss chart has no x axis");
            assertEquals("161", await(() -> text("nParams"), "161"));
        }
    }

    /**
     * The guide's screenshots: the overview and model pages of a recorded run, {@code -Ddlwj.ui.stats=FILE}, into
     * {@code -Ddlwj.ui.screenshots=FOLDER}.
     */
    @Test
    @EnabledIfSystemProperty(named = "dlwj.ui.screenshots", matches = ".+")
    void screenshotsOfARecordedRun() throws Exception {
        Path folder = Path.of(System.getProperty("dlwj.ui.screenshots"));
        try (TrainingUi ui = TrainingUi.open(Path.of(System.getProperty("dlwj.ui.stats")), freePort())) {
            browser.get(ui.url().orElseThrow());
            await(() -> !browser.findElements(By.cssSelector("#scoreiterchart .flot-x-axis .tickLabel")).isEmpty());
            Thread.sleep(3_000);
            screenshot(folder.resolve("ui-overview.png"));
            browser.get(ui.url().orElseThrow().replace("/overview", "/model"));
            await(() -> !layerNames().isEmpty());
            ((JavascriptExecutor) browser).executeScript("cy.nodes()[2].emit('click')");
            Thread.sleep(4_000);
            screenshot(folder.resolve("ui-model.png"));
        }
    }

    private void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        File taken = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(taken.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @SuppressWarnings("unchecked")
    private List<String> layerNames() {
        Object names = ((JavascriptExecutor) browser).executeScript(
                "return window.cy ? cy.nodes().map(function (n) { return n.data('name'); }) : [];");
        return (List<String>) names;
    }

    private String text(String id) {
        List<WebElement> elements = browser.findElements(By.id(id));
        return elements.isEmpty() ? "" : elements.get(0).getText();
    }

    /** Waits up to 20 s for {@code value} to give {@code expected} (the page polls its server every 2 s). */
    private static <T> T await(Supplier<T> value, T expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        T last = value.get();
        while (!expected.equals(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            last = value.get();
        }
        return last;
    }

    private static boolean await(Supplier<Boolean> condition) throws InterruptedException {
        return await(condition, true);
    }

    /** Dense(16, relu) on 8 features, Dense(1, sigmoid): 161 parameters. */
    private static MultiLayerNetwork smallClassifier() {
        return KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(1).list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(KerasDefaults.binaryCrossentropy()).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build()));
    }

    /** 5 epochs of 20 steps: 10 reports to the UI. */
    private static void train(MultiLayerNetwork model) {
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, 320, 8);
        INDArray y = x.getColumn(0, true).gt(0.5).castTo(DataType.FLOAT);
        new Trainer(model, Metric.ACCURACY).quiet().fit(x, y, 5, 16);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
