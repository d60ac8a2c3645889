package dev.nexttoken.contract;

/** The fault suite with bearer tokens from a token provider, asked on every request ({@code Authentication.bearerTokens}). */
class FakeProviderTokenFaultTest extends FakeProviderFaultTest {
  @Override
  protected CredentialScheme scheme() {
    return CredentialScheme.tokenProvider();
  }
}
