package dev.nexttoken.logprob;

/** Chi-square critical values at the 0.1% level, for the frequency tests. */
final class ChiSquare {
  private static final double[] CRITICAL_001 = {10.828, 13.816, 16.266, 18.467, 20.515, 22.458, 24.322, 26.124, 27.877};

  private ChiSquare() {}

  static double critical001(int degreesOfFreedom) {
    return CRITICAL_001[degreesOfFreedom - 1];
  }
}
