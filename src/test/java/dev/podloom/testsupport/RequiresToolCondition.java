package dev.podloom.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Evaluates {@link RequiresTool}; see there for the CI rule. */
public final class RequiresToolCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresTool> annotation = context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresTool.class));
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("no tools required");
        }
        return evaluate(List.of(annotation.get().value()), RequiresToolCondition::isInstalled, onCi());
    }

    static ConditionEvaluationResult evaluate(List<String> tools, Predicate<String> installed, boolean onCi) {
        List<String> missing = new ArrayList<>();
        for (String tool : tools) {
            if (!installed.test(tool)) {
                missing.add(tool);
            }
        }
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("installed: " + String.join(", ", tools));
        }
        if (onCi) {
            throw new IllegalStateException("CI=true but required tools are not installed: " + missing);
        }
        return ConditionEvaluationResult.disabled("not installed: " + missing);
    }

    /** True when an executable file of that name is in a {@code PATH} directory. */
    public static boolean isInstalled(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
