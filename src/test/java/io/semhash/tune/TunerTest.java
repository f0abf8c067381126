package io.semhash.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semhash.config.ConfigLoader;
import io.semhash.config.SemhashConfig;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.model.ModelManifest;
import io.semhash.pipeline.ModelTraining;
import io.semhash.testing.PlantedTopics;
import io.semhash.text.CorpusVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tuner on planted topics, with real (small) trainings: it picks the better of two settings
 * whose validation P@100 differs clearly, each trial's figure is what a training with those
 * settings reaches on its own, and nothing of the test split changes anything it does.
 */
class TunerTest {
  /** A three-term vocabulary keeps only words of the shared pool (in most documents), so codes cannot see topics. */
  static final String WORSE = "3";
  static final String BETTER = "500";

  static SemhashConfig base;
  static List<Document> docs;

  @BeforeAll
  static void setUp() {
    base = ConfigLoader.parse("""
        text: {vocabulary-size: %s, min-df: 1, max-df: 1.0, stem: false}
        model: {bits: 16, hidden: 64, epochs: 3, batch-size: 32, beta: 1.0, neighbour-weight: 0.0, patience: 3, seed: 7, validation-fraction: 0.15}
        """.formatted(WORSE), "test");
    docs = PlantedTopics.corpus(4, 120, 30, 3);
  }

  static Tuner tuner(SemhashConfig config, List<String> vocabularySizes, int trials) {
    TuneSpace space = new TuneSpace(Map.of("text.vocabulary-size", vocabularySizes));
    return new Tuner(config, space, new Tuner.Plan(trials, 2, 3, 2), 1, Double.POSITIVE_INFINITY, null);
  }

  @Test
  void picksTheBetterOfTwoSettingsAndEachFigureIsThatTrainingsOwn() {
    TuneReport r = tuner(base, List.of(WORSE, BETTER), 2).run(docs);
    assertThat(r.trials()).hasSize(2);
    assertThat(r.trials().get(0).settings()).containsEntry("text.vocabulary-size", WORSE); // the configuration as given comes first
    assertThat(r.chosen()).containsEntry("text.vocabulary-size", BETTER);
    Trial worse = r.trials().get(0);
    Trial better = r.trials().get(1);
    assertThat(better.validationPrecision()).isGreaterThan(worse.validationPrecision() + 0.2);
    // independent reference: a training of its own with the chosen settings reaches the trial's figure
    SemhashConfig chosen = Tuner.chosen(base, r);
    assertThat(chosen.text().vocabularySize()).isEqualTo(500);
    List<Document> train = docs.stream().filter(d -> d.split() == Split.TRAIN).toList();
    ModelManifest m = ModelTraining.train(train, CorpusVectors.build(train, chosen.text().options(), null),
        chosen.model().options(), 1, null, Double.POSITIVE_INFINITY).manifest();
    assertThat(m.history().get(m.bestEpoch() - 1).validationPrecision()).isEqualTo(better.validationPrecision());
  }

  @Test
  void successiveHalvingTrainsTheBestHalfLongerThenTheFinalistWithTheFullBound() {
    SemhashConfig longer = ConfigLoader.with(base, Map.of("model.epochs", "4"), "test");
    List<String> sizes = List.of(WORSE, "6", "40", BETTER);
    Tuner halving = new Tuner(longer, new TuneSpace(Map.of("text.vocabulary-size", sizes)), new Tuner.Plan(4, 1, 2, 1), 1,
        Double.POSITIVE_INFINITY, null);
    TuneReport r = halving.run(PlantedTopics.corpus(4, 60, 30, 5));
    // rung 1: 4 trainings of 1 epoch; rung 2: the best 2 of them, 2 epochs; rung 3: the best 1, the full 4 epochs
    assertThat(r.trials()).extracting(Trial::rung).containsExactly(0, 0, 0, 0, 1, 1, 2);
    assertThat(r.trials()).extracting(Trial::maxEpochs).containsExactly(1, 1, 1, 1, 2, 2, 4);
    assertThat(r.trials().subList(4, 6)).extracting(Trial::settings).containsExactlyElementsOf(best(r.trials().subList(0, 4), 2));
    assertThat(r.trials().get(6).settings()).isEqualTo(best(r.trials().subList(4, 6), 1).get(0));
    assertThat(r.chosenTrial()).isEqualTo(7);
    assertThat(r.chosen()).isEqualTo(r.trials().get(6).settings());
  }

  /** The settings of the n best trials, ties to the earlier one. */
  private static List<Map<String, String>> best(List<Trial> trials, int n) {
    return trials.stream()
        .sorted((a, b) -> a.validationPrecision() != b.validationPrecision()
            ? Double.compare(b.validationPrecision(), a.validationPrecision()) : Integer.compare(a.number(), b.number()))
        .limit(n).map(Trial::settings).toList();
  }

  @Test
  void theTestSplitChangesNothingWhileTheTrainSplitDoes() {
    TuneReport clean = tuner(base, List.of(BETTER), 1).run(docs);
    // poison every test document: other words, another topic's label
    SplittableRandom random = new SplittableRandom(99);
    List<Document> poisoned = new ArrayList<>();
    for (Document d : docs) {
      poisoned.add(d.split() == Split.TEST ? new Document(d.id(), "poison", noise(random), List.of("topic" + random.nextInt(4)), Split.TEST) : d);
    }
    TuneReport withPoison = tuner(base, List.of(BETTER), 1).run(poisoned);
    assertThat(withPoison.trials()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds")
        .containsExactlyElementsOf(clean.trials());
    // the same poison in train documents does change the trials, so the comparison above can fail
    List<Document> trainPoisoned = new ArrayList<>();
    for (Document d : docs) {
      trainPoisoned.add(d.split() == Split.TRAIN && random.nextInt(3) == 0
          ? new Document(d.id(), "poison", noise(random), List.of("topic" + random.nextInt(4)), Split.TRAIN) : d);
    }
    TuneReport trainChanged = tuner(base, List.of(BETTER), 1).run(trainPoisoned);
    assertThat(trainChanged.trials().get(0).validationPrecision()).isNotEqualTo(clean.trials().get(0).validationPrecision());
  }

  private static String noise(SplittableRandom random) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      sb.append("noise").append((char) ('a' + random.nextInt(26))).append((char) ('a' + random.nextInt(26))).append(' ');
    }
    return sb.toString();
  }

  @Test
  void aKnobThatIsNoSettingOrABadValueIsRefusedBeforeAnyTraining() {
    assertThatThrownBy(() -> new Tuner(base, new TuneSpace(Map.of("model.nonsense", List.of("1"))), Tuner.Plan.DEFAULT, 1,
        Double.POSITIVE_INFINITY, null)).hasMessageContaining("'model.nonsense' is not a setting");
    assertThatThrownBy(() -> new Tuner(base, new TuneSpace(Map.of("model.beta", List.of("1.0", "lots"))), Tuner.Plan.DEFAULT, 1,
        Double.POSITIVE_INFINITY, null)).hasMessageContaining("beta");
    assertThatThrownBy(() -> new Tuner.Plan(0, 2, 3, 2)).hasMessageContaining("--trials must be in [1, 10000], got 0");
  }

  @Test
  void drawingIsEveryCombinationWhenTheyFitElseDistinctSeededDraws() {
    TuneSpace space = new TuneSpace(new java.util.LinkedHashMap<>(Map.of("a.x", List.of("1", "2"))));
    assertThat(space.draw(5, 1)).containsExactly(Map.of("a.x", "1"), Map.of("a.x", "2"));
    TuneSpace recipe = TuneSpace.recipe();
    List<Map<String, String>> draws = recipe.draw(50, 42);
    assertThat(draws).hasSize(50).doesNotHaveDuplicates();
    assertThat(recipe.draw(50, 42)).isEqualTo(draws);
    assertThat(recipe.draw(50, 43)).isNotEqualTo(draws);
    for (Map<String, String> d : draws) {
      d.forEach((k, v) -> assertThat(recipe.knobs().get(k)).contains(v));
    }
  }
}
