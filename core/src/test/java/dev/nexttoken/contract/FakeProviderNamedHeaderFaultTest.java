package dev.nexttoken.contract;

/** The fault suite with the key in a named header ({@code Authentication.header}). */
class FakeProviderNamedHeaderFaultTest extends FakeProviderFaultTest {
  @Override
  protected CredentialScheme scheme() {
    return CredentialScheme.namedHeader();
  }
}
