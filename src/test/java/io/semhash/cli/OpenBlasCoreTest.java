package io.semhash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which OpenBLAS kernels a training command is relaunched with, and when it is relaunched at all. */
class OpenBlasCoreTest {

  private static final String CPUINFO = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Processor\n"
      + "flags\t\t: fpu vme sse sse2 ssse3 fma sse4_1 sse4_2 avx avx2 avx512f avx512dq avx512cd avx512bw avx512vl\n"
      + "bugs\t\t: spectre_v1\n\nprocessor\t: 1\nflags\t\t: fpu\n";

  @Test
  void flagsComeFromTheFirstProcessor() {
    assertThat(OpenBlasCore.flags(CPUINFO)).contains("avx2", "avx512vl").doesNotContain("spectre_v1", "bugs");
    assertThat(OpenBlasCore.flags("processor : 0\n")).isEmpty();
  }

  @Test
  void coreFollowsTheWidestInstructionSetPresent() {
    assertThat(OpenBlasCore.coreFor(OpenBlasCore.flags(CPUINFO))).contains("SkylakeX");
    // AVX-512 foundation alone is not enough for the SkylakeX kernels
    assertThat(OpenBlasCore.coreFor(Set.of("avx2", "fma", "avx512f"))).contains("Haswell");
    assertThat(OpenBlasCore.coreFor(Set.of("avx2"))).isEqualTo(Optional.empty());
    assertThat(OpenBlasCore.coreFor(Set.of("sse2", "avx"))).isEmpty();
  }

  @Test
  void onlyTrainingCommandsAreRelaunched() {
    assertThat(OpenBlasCore.trains(new String[] {"train", "--corpus", "x"})).isTrue();
    assertThat(OpenBlasCore.trains(new String[] {"build", "--out", "train"})).isTrue();
    assertThat(OpenBlasCore.trains(new String[] {"demo"})).isTrue();
    assertThat(OpenBlasCore.trains(new String[] {"--version"})).isFalse();
    assertThat(OpenBlasCore.trains(new String[] {"serve", "--index", "train"})).isFalse();
    assertThat(OpenBlasCore.trains(new String[] {"search", "train"})).isFalse();
    assertThat(OpenBlasCore.trains(new String[] {})).isFalse();
    assertThat(OpenBlasCore.trains(new String[] {"train", "--help"})).isFalse();
    assertThat(OpenBlasCore.trains(new String[] {"demo", "-h"})).isFalse();
  }
}
