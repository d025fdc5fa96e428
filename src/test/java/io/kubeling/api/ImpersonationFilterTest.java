package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import io.kubeling.registry.Authorizer;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.UserInfo;

/** Impersonation as kube's filter does it: what is asked of the authorizer, the user that results, kube's 403. */
class ImpersonationFilterTest {

    private static final UserInfo BOB = new UserInfo("bob", "", List.of("system:authenticated"), Map.of());
    private final List<Authorizer.Attributes> asked = new ArrayList<>();

    private ImpersonationFilter filter(Authorizer authorizer) {
        Authorizer recording = attributes -> {
            asked.add(attributes);
            return authorizer.authorize(attributes);
        };
        return new ImpersonationFilter(new StaticListableBeanFactory(Map.of("authorizer", recording))
                .getBeanProvider(Authorizer.class), null);
    }

    @Test
    void eachThingImpersonatedIsAskedForAndMakesTheUser() {
        UserInfo acting = filter(Authorizer.ALWAYS_ALLOW).impersonate(BOB, "jane", List.of("devs"), "42",
                Map.of("scopes", List.of("view")));
        assertThat(acting).isEqualTo(new UserInfo("jane", "42", List.of("devs", "system:authenticated"),
                Map.of("scopes", List.of("view"))));
        assertThat(asked).extracting(a -> a.verb() + " " + a.apiGroup() + "/" + a.resource() + "/" + a.subresource()
                + " " + a.name() + " by " + a.user().name()).containsExactly(
                        "impersonate /users/ jane by bob", "impersonate /groups/ devs by bob",
                        "impersonate authentication.k8s.io/uids/ 42 by bob",
                        "impersonate authentication.k8s.io/userextras/scopes view by bob");
    }

    @Test
    void aServiceAccountIsAskedForInItsNamespaceAndGetsItsGroups() {
        UserInfo acting = filter(Authorizer.ALWAYS_ALLOW).impersonate(BOB, "system:serviceaccount:ci:robot",
                List.of(), null, Map.of());
        assertThat(acting.groups()).containsExactly("system:serviceaccounts", "system:serviceaccounts:ci",
                "system:authenticated");
        assertThat(asked.get(0).resource()).isEqualTo("serviceaccounts");
        assertThat(asked.get(0).namespace()).isEqualTo("ci");
        assertThat(asked.get(0).name()).isEqualTo("robot");
        assertThat(filter(Authorizer.ALWAYS_ALLOW).impersonate(BOB, "system:anonymous", List.of(), null, Map.of())
                .groups()).isEmpty();
    }

    @Test
    void aRefusalIsKubes403() {
        Authorizer onlyUsers = a -> a.resource().equals("users") ? Authorizer.Decision.ALLOW
                : Authorizer.Decision.noOpinion("");
        assertThatThrownBy(() -> filter(onlyUsers).impersonate(BOB, "jane", List.of("system:masters"), null,
                Map.of())).isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.getMessage()).isEqualTo("groups \"system:masters\" is forbidden: User \"bob\" cannot"
                            + " impersonate resource \"groups\" in API group \"\" at the cluster scope");
                });
        assertThatThrownBy(() -> filter(a -> Authorizer.Decision.noOpinion("")).impersonate(BOB,
                "system:serviceaccount:ci:robot", List.of(), null, Map.of()))
                .hasMessage("serviceaccounts \"robot\" is forbidden: User \"bob\" cannot impersonate resource"
                        + " \"serviceaccounts\" in API group \"\" in the namespace \"ci\"");
        assertThatThrownBy(() -> filter(Authorizer.ALWAYS_ALLOW).impersonate(BOB, null, List.of("devs"), null,
                Map.of())).isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
