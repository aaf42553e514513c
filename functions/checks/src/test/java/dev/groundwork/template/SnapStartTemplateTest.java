package dev.groundwork.template;

import static dev.groundwork.template.Stack.REPOSITORY;
import static dev.groundwork.template.Stack.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SnapStart (docs/snapstart.md): every function publishes a version behind an alias on each deploy, its event sources
 * invoke the alias (SAM points the events a function declares at its {@code AutoPublishAlias}), and SnapStart applies
 * to the published versions unless the {@code SnapStart} parameter turns it off. SnapStart works only on published
 * versions and the aliases that point to them, never on $LATEST:
 * https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html
 */
class SnapStartTemplateTest {
    private static final String CONDITION = "SnapStartOn";

    static Stream<StackFunction> functions() {
        return REPOSITORY.functions().stream();
    }

    @Test
    void aParameterTurnsSnapStartOnOrOffAndItIsOnByDefault() {
        Map<String, Object> parameter = map(REPOSITORY.section("Parameters").get("SnapStart"));

        assertThat(parameter).containsEntry("Type", "String").containsEntry("Default", "On");
        assertThat(parameter.get("AllowedValues")).isEqualTo(List.of("On", "Off"));
        assertThat(REPOSITORY.section("Conditions").get(CONDITION))
                .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "SnapStart"), "On")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void appliesSnapStartToPublishedVersionsWhenTheParameterSaysSo(StackFunction function) {
        assertThat(map(function.properties().get("SnapStart")))
                .as("ApplyOn: PublishedVersions when %s, None otherwise", CONDITION)
                .isEqualTo(Map.of("ApplyOn", Map.of("Fn::If", List.of(CONDITION, "PublishedVersions", "None"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void publishesEachDeployBehindAnAliasThatItsEventSourcesInvoke(StackFunction function) {
        assertThat(function.properties().get("AutoPublishAlias"))
                .as("the alias every deploy moves to the new version")
                .isInstanceOf(String.class)
                .asString()
                .matches("[a-z][a-z0-9-]*");
        assertThat(function.routes().size()
                        + function.sqsSources().size()
                        + function.streamSources().size())
                .as("its event sources are declared on it, so that SAM points them at the alias")
                .isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void deletesTheVersionADeployMovesItsAliasAwayFrom(StackFunction function) {
        // SAM retains every published version unless told otherwise, and each one counts against the Region's code
        // storage quota; a function's own DeletionPolicy would pass through to its versions and win over this.
        assertThat(function.properties().get("VersionDeletionPolicy"))
                .as("the published version a deploy replaces is deleted")
                .isEqualTo("Delete");
        assertThat(REPOSITORY.resources().get(function.logicalId()).definition())
                .as("no DeletionPolicy of its own, which SAM would give its versions instead")
                .doesNotContainKey("DeletionPolicy");
    }

    @Test
    void noResourceInvokesAFunctionOutsideItsAlias() {
        // An event source mapping, permission or integration written by hand would name the function itself, that is
        // $LATEST, which never has SnapStart; SAM makes these from each function's Events, on its alias.
        assertThat(REPOSITORY.resources().values())
                .extracting(Stack.Resource::type)
                .doesNotContain(
                        "AWS::Lambda::EventSourceMapping",
                        "AWS::Lambda::Permission",
                        "AWS::Lambda::Url",
                        "AWS::ApiGatewayV2::Integration",
                        "AWS::Pipes::Pipe");
    }
}
