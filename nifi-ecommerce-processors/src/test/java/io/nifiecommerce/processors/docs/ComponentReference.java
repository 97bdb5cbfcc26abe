package io.nifiecommerce.processors.docs;

import org.apache.nifi.annotation.behavior.DynamicProperties;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.DynamicRelationship;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.PrimaryNodeOnly;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.ReadsAttributes;
import org.apache.nifi.annotation.behavior.Restricted;
import org.apache.nifi.annotation.behavior.Restriction;
import org.apache.nifi.annotation.behavior.SideEffectFree;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.TriggerWhenEmpty;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSchedule;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.DeprecationNotice;
import org.apache.nifi.annotation.documentation.MultiProcessorUseCase;
import org.apache.nifi.annotation.documentation.ProcessorConfiguration;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.ConfigurableComponent;
import org.apache.nifi.components.PropertyDependency;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.resource.ResourceCardinality;
import org.apache.nifi.components.resource.ResourceDefinition;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockControllerServiceInitializationContext;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes {@code docs/reference.md}, the processor and controller service reference, from the components
 * themselves: every class registered in the module's {@code META-INF/services} files is instantiated
 * (processors through nifi-mock, services through a mock initialization context) and its annotations,
 * property descriptors and relationships are rendered as Markdown. Lives in test sources so the NAR
 * carries none of it; {@link ComponentReferenceTest} fails when the committed file is stale.
 */
public final class ComponentReference {

    static final String REGENERATE_COMMAND = "./mvnw -B -q -pl nifi-ecommerce-processors -am test -Dtest=ComponentReferenceTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dreference.write=true";

    private static final String SERVICES = "src/main/resources/META-INF/services/";
    private static final String PROCESSOR_SERVICES = SERVICES + Processor.class.getName();
    private static final String CONTROLLER_SERVICE_SERVICES = SERVICES + ControllerService.class.getName();
    private static final String ADDITIONAL_DETAILS = "src/main/resources/docs/%s/additionalDetails.md";

    private final Path moduleDir;
    private final String moduleName;

    /**
     * @param moduleDir the processors module's directory (holding {@code src/main/resources/META-INF/services})
     */
    public ComponentReference(final Path moduleDir) {
        this.moduleDir = moduleDir.toAbsolutePath().normalize();
        this.moduleName = this.moduleDir.getFileName().toString();
    }

    /** Regenerates the reference: {@code ComponentReference <processors module dir> <output file>}. */
    public static void main(final String[] args) throws Exception {
        final Path module = Path.of(args.length > 0 ? args[0] : ".");
        final Path output = Path.of(args.length > 1 ? args[1] : "../docs/reference.md");
        Files.writeString(output, new ComponentReference(module).render(), StandardCharsets.UTF_8);
    }

    public List<String> processorClassNames() throws IOException {
        return registered(moduleDir.resolve(PROCESSOR_SERVICES));
    }

    public List<String> controllerServiceClassNames() throws IOException {
        return registered(moduleDir.resolve(CONTROLLER_SERVICE_SERVICES));
    }

    public String render() throws Exception {
        final List<Processor> processors = new ArrayList<>();
        for (final String name : processorClassNames()) {
            processors.add(processor(name));
        }
        final List<ControllerService> services = new ArrayList<>();
        for (final String name : controllerServiceClassNames()) {
            services.add(controllerService(name));
        }
        final StringBuilder out = new StringBuilder();
        out.append("# Processor and controller service reference\n\n");
        out.append("<!-- Generated from the code by io.nifiecommerce.processors.docs.ComponentReference: do not edit by hand. -->\n");
        out.append("Generated from the components' annotations, property descriptors and relationships; do not edit by hand.\n");
        out.append("After changing a component, regenerate it from the repository root with\n\n");
        out.append("```\n").append(REGENERATE_COMMAND).append("\n```\n\n");
        out.append("`ComponentReferenceTest` fails while this file differs from what the code says. The longer notes of a\n");
        out.append("component (its `additionalDetails.md`, also shown by NiFi's \"View usage\") are linked from its section.\n\n");
        out.append("## Processors\n\n");
        out.append(summaryTable(processors));
        out.append("## Controller services\n\n");
        out.append(summaryTable(services));
        for (final Processor processor : processors) {
            section(out, processor, "Processor");
        }
        for (final ControllerService service : services) {
            section(out, service, "Controller service");
        }
        return out.toString();
    }

    private static List<String> registered(final Path servicesFile) throws IOException {
        if (!Files.exists(servicesFile)) {
            return List.of();
        }
        return Files.readAllLines(servicesFile, StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceFirst("#.*", "").strip())
                .filter(line -> !line.isEmpty())
                .sorted(Comparator.comparing(ComponentReference::simpleName))
                .toList();
    }

    /** An initialized instance of a registered component, as NiFi would hold it before configuration. */
    static ConfigurableComponent instantiate(final String className) throws ReflectiveOperationException, InitializationException {
        final Class<?> type = Class.forName(className);
        return Processor.class.isAssignableFrom(type) ? processor(className) : controllerService(className);
    }

    private static Processor processor(final String className) throws ReflectiveOperationException {
        final Class<? extends Processor> type = Class.forName(className).asSubclass(Processor.class);
        // the mock runner initializes the processor as NiFi does, so descriptors built in init() are there
        return TestRunners.newTestRunner(type).getProcessor();
    }

    private static ControllerService controllerService(final String className) throws ReflectiveOperationException, InitializationException {
        final Class<? extends ControllerService> type = Class.forName(className).asSubclass(ControllerService.class);
        final ControllerService service;
        try {
            service = type.getDeclaredConstructor().newInstance();
        } catch (final InvocationTargetException e) {
            throw new IllegalStateException(className + " cannot be instantiated", e.getCause());
        }
        service.initialize(new MockControllerServiceInitializationContext(service, simpleName(className)));
        return service;
    }

    private String summaryTable(final List<? extends ConfigurableComponent> components) {
        final StringBuilder out = new StringBuilder("| Component | What it does |\n|---|---|\n");
        for (final ConfigurableComponent component : components) {
            final String name = component.getClass().getSimpleName();
            out.append("| [").append(name).append("](#").append(name.toLowerCase(Locale.ROOT)).append(") | ")
                    .append(cell(firstSentence(capability(component.getClass())))).append(" |\n");
        }
        return out.append('\n').toString();
    }

    private void section(final StringBuilder out, final ConfigurableComponent component, final String kind) {
        final Class<?> type = component.getClass();
        out.append("## ").append(type.getSimpleName()).append("\n\n");
        out.append(kind).append(" `").append(type.getName()).append("`");
        final Path details = moduleDir.resolve(ADDITIONAL_DETAILS.formatted(type.getName()));
        if (Files.exists(details)) {
            out.append(" · [additional details](../").append(moduleName).append('/')
                    .append(ADDITIONAL_DETAILS.formatted(type.getName())).append(')');
        }
        out.append("\n\n");
        final DeprecationNotice deprecation = type.getAnnotation(DeprecationNotice.class);
        if (deprecation != null) {
            out.append("**Deprecated.** ").append(prose(deprecation.reason())).append("\n\n");
        }
        out.append(prose(capability(type))).append("\n\n");
        final Tags tags = type.getAnnotation(Tags.class);
        if (tags != null) {
            out.append("**Tags:** ").append(Arrays.stream(tags.value()).map(tag -> "`" + tag + "`").collect(Collectors.joining(", ")))
                    .append("\n\n");
        }
        if (component instanceof ControllerService) {
            final List<String> apis = providedApis(type);
            if (!apis.isEmpty()) {
                out.append("**Provides:** ").append(String.join(", ", apis)).append("\n\n");
            }
        }
        behaviour(out, type);
        properties(out, component.getPropertyDescriptors());
        dynamicProperties(out, type);
        if (component instanceof Processor processor) {
            relationships(out, processor.getRelationships(), type.getAnnotation(DynamicRelationship.class));
        }
        attributes(out, type);
        stateful(out, type.getAnnotation(Stateful.class));
        useCases(out, type);
        seeAlso(out, type.getAnnotation(SeeAlso.class));
    }

    private static String capability(final Class<?> type) {
        final CapabilityDescription description = type.getAnnotation(CapabilityDescription.class);
        return description == null ? "(No capability description.)" : description.value().strip();
    }

    private static void behaviour(final StringBuilder out, final Class<?> type) {
        final List<String> facts = new ArrayList<>();
        final InputRequirement input = type.getAnnotation(InputRequirement.class);
        if (input != null) {
            facts.add("Input: " + switch (input.value()) {
                case INPUT_FORBIDDEN -> "forbidden (a source: it runs on its schedule, no incoming connection)";
                case INPUT_REQUIRED -> "required (runs only on incoming FlowFiles)";
                case INPUT_ALLOWED -> "allowed";
            });
        }
        if (type.isAnnotationPresent(PrimaryNodeOnly.class)) {
            facts.add("Primary node only: in a cluster it runs on the primary node alone");
        }
        if (type.isAnnotationPresent(TriggerSerially.class)) {
            facts.add("Triggered serially: one concurrent task at most");
        }
        if (type.isAnnotationPresent(TriggerWhenEmpty.class)) {
            facts.add("Triggered even when its input queues are empty");
        }
        if (type.isAnnotationPresent(SupportsBatching.class)) {
            facts.add("Supports batching (run duration)");
        }
        if (type.isAnnotationPresent(SideEffectFree.class)) {
            facts.add("Side-effect free");
        }
        final DefaultSchedule schedule = type.getAnnotation(DefaultSchedule.class);
        if (schedule != null) {
            facts.add("Default schedule: " + schedule.strategy() + " every " + schedule.period()
                    + (schedule.concurrentTasks() > 1 ? ", " + schedule.concurrentTasks() + " concurrent tasks" : ""));
        }
        final DefaultSettings settings = type.getAnnotation(DefaultSettings.class);
        if (settings != null) {
            facts.add("Default settings: yield " + settings.yieldDuration() + ", penalty " + settings.penaltyDuration()
                    + ", bulletin level " + settings.bulletinLevel());
        }
        final Restricted restricted = type.getAnnotation(Restricted.class);
        if (restricted != null) {
            final List<String> reasons = new ArrayList<>();
            if (!restricted.value().isBlank()) {
                reasons.add(prose(restricted.value()));
            }
            for (final Restriction restriction : restricted.restrictions()) {
                reasons.add("requires the *" + restriction.requiredPermission().getPermissionLabel() + "* permission: "
                        + prose(restriction.explanation()));
            }
            facts.add("Restricted: " + String.join("; ", reasons));
        }
        for (final SystemResourceConsideration consideration : type.getAnnotationsByType(SystemResourceConsideration.class)) {
            facts.add("System resource: " + consideration.resource() + " (" + consideration.description() + ")");
        }
        if (!facts.isEmpty()) {
            out.append("**Behaviour**\n\n");
            facts.forEach(fact -> out.append("- ").append(fact).append('\n'));
            out.append('\n');
        }
    }

    private static void properties(final StringBuilder out, final List<PropertyDescriptor> descriptors) {
        out.append("### Properties\n\n");
        if (descriptors.isEmpty()) {
            out.append("None.\n\n");
            return;
        }
        out.append("| Property | Description | Default | Allowable values | Required | Sensitive | Expression Language | Depends on |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (final PropertyDescriptor descriptor : descriptors) {
            out.append("| **").append(cell(descriptor.getName())).append("**");
            if (!descriptor.getDisplayName().equals(descriptor.getName())) {
                out.append(" (shown as ").append(cell(descriptor.getDisplayName())).append(')');
            }
            out.append(" | ").append(cell(nullToEmpty(descriptor.getDescription())));
            if (descriptor.getControllerServiceDefinition() != null) {
                out.append("<br>Controller service: `").append(descriptor.getControllerServiceDefinition().getSimpleName()).append('`');
            }
            if (descriptor.getResourceDefinition() != null) {
                out.append("<br>").append(cell(resource(descriptor.getResourceDefinition())));
            }
            out.append(" | ").append(cell(defaultValue(descriptor)));
            out.append(" | ").append(cell(allowableValues(descriptor.getAllowableValues())));
            out.append(" | ").append(descriptor.isRequired() ? "yes" : "no");
            out.append(" | ").append(descriptor.isSensitive() ? "**yes**" : "no");
            out.append(" | ").append(expressionLanguage(descriptor.getExpressionLanguageScope()));
            out.append(" | ").append(cell(dependencies(descriptor.getDependencies(), descriptors)));
            out.append(" |\n");
        }
        out.append('\n');
    }

    private static String resource(final ResourceDefinition definition) {
        final String types = definition.getResourceTypes().stream().map(type -> type.name().toLowerCase(Locale.ROOT))
                .sorted().collect(Collectors.joining(" or "));
        return (definition.getCardinality() == ResourceCardinality.SINGLE ? "One " : "One or more ") + types
                + " of the NiFi node (external resource)";
    }

    private static String defaultValue(final PropertyDescriptor descriptor) {
        final String value = descriptor.getDefaultValue();
        if (value == null) {
            return "";
        }
        return shownValue(value, descriptor.getAllowableValues() == null ? List.of() : descriptor.getAllowableValues());
    }

    private static String allowableValues(final List<AllowableValue> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        return values.stream().map(value -> {
            final StringBuilder text = new StringBuilder("**").append(value.getDisplayName()).append("**");
            if (!value.getDisplayName().equals(value.getValue())) {
                text.append(" (`").append(value.getValue()).append("`)");
            }
            if (value.getDescription() != null && !value.getDescription().isBlank() && !value.getDescription().equals(value.getDisplayName())) {
                text.append(": ").append(value.getDescription().strip());
            }
            return text.toString();
        }).collect(Collectors.joining("\n"));
    }

    private static String expressionLanguage(final ExpressionLanguageScope scope) {
        if (scope == null) {
            return "no";
        }
        return switch (scope) {
            case NONE -> "no";
            case ENVIRONMENT -> "environment";
            case FLOWFILE_ATTRIBUTES -> "FlowFile attributes";
        };
    }

    private static String dependencies(final Set<PropertyDependency> dependencies, final List<PropertyDescriptor> descriptors) {
        if (dependencies == null || dependencies.isEmpty()) {
            return "";
        }
        return dependencies.stream()
                .sorted(Comparator.comparing(PropertyDependency::getPropertyName))
                .map(dependency -> {
                    final Set<String> values = dependency.getDependentValues();
                    final String name = "**" + dependency.getPropertyName() + "**";
                    if (values == null || values.isEmpty()) {
                        return name + " is set";
                    }
                    final List<AllowableValue> allowable = descriptors.stream()
                            .filter(candidate -> candidate.getName().equals(dependency.getPropertyName()))
                            .map(PropertyDescriptor::getAllowableValues).filter(list -> list != null).findFirst().orElse(List.of());
                    return name + " = " + values.stream().sorted().map(value -> shownValue(value, allowable))
                            .collect(Collectors.joining(" or "));
                })
                .collect(Collectors.joining("\n"));
    }

    /** A value as the UI shows it: its display name when it is an allowable value, with the value itself. */
    private static String shownValue(final String value, final List<AllowableValue> allowable) {
        for (final AllowableValue candidate : allowable) {
            if (candidate.getValue().equals(value) && !candidate.getDisplayName().equals(value)) {
                return candidate.getDisplayName() + " (`" + value + "`)";
            }
        }
        return "`" + value + "`";
    }

    private static void dynamicProperties(final StringBuilder out, final Class<?> type) {
        final List<DynamicProperty> dynamic = new ArrayList<>(Arrays.asList(type.getAnnotationsByType(DynamicProperty.class)));
        final DynamicProperties container = type.getAnnotation(DynamicProperties.class);
        if (container != null) {
            for (final DynamicProperty property : container.value()) {
                if (!dynamic.contains(property)) {
                    dynamic.add(property);
                }
            }
        }
        if (dynamic.isEmpty()) {
            return;
        }
        out.append("### Dynamic properties\n\n| Name | Value | Description | Expression Language |\n|---|---|---|---|\n");
        for (final DynamicProperty property : dynamic) {
            out.append("| ").append(cell(property.name())).append(" | ").append(cell(property.value())).append(" | ")
                    .append(cell(property.description())).append(" | ").append(expressionLanguage(property.expressionLanguageScope()))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private static void relationships(final StringBuilder out, final Set<Relationship> relationships, final DynamicRelationship dynamic) {
        out.append("### Relationships\n\n| Relationship | Description |\n|---|---|\n");
        relationships.stream().sorted(Comparator.comparing(Relationship::getName)).forEach(relationship -> out.append("| `")
                .append(relationship.getName()).append("` | ").append(cell(nullToEmpty(relationship.getDescription())))
                .append(relationship.isAutoTerminated() ? " (auto-terminated by default)" : "").append(" |\n"));
        if (dynamic != null) {
            out.append("| ").append(cell(dynamic.name())).append(" (dynamic) | ").append(cell(dynamic.description())).append(" |\n");
        }
        out.append('\n');
    }

    private static void attributes(final StringBuilder out, final Class<?> type) {
        final List<ReadsAttribute> reads = new ArrayList<>(Arrays.asList(type.getAnnotationsByType(ReadsAttribute.class)));
        final ReadsAttributes readsContainer = type.getAnnotation(ReadsAttributes.class);
        if (readsContainer != null && reads.isEmpty()) {
            reads.addAll(Arrays.asList(readsContainer.value()));
        }
        final List<WritesAttribute> writes = new ArrayList<>(Arrays.asList(type.getAnnotationsByType(WritesAttribute.class)));
        final WritesAttributes writesContainer = type.getAnnotation(WritesAttributes.class);
        if (writesContainer != null && writes.isEmpty()) {
            writes.addAll(Arrays.asList(writesContainer.value()));
        }
        if (!reads.isEmpty()) {
            out.append("### Reads attributes\n\n| Attribute | Description |\n|---|---|\n");
            reads.forEach(read -> out.append("| `").append(read.attribute()).append("` | ").append(cell(read.description())).append(" |\n"));
            out.append('\n');
        }
        if (!writes.isEmpty()) {
            out.append("### Writes attributes\n\n| Attribute | Description |\n|---|---|\n");
            writes.forEach(write -> out.append("| `").append(write.attribute()).append("` | ").append(cell(write.description())).append(" |\n"));
            out.append('\n');
        }
    }

    private static void stateful(final StringBuilder out, final Stateful stateful) {
        if (stateful == null) {
            return;
        }
        final String scopes = Arrays.stream(stateful.scopes()).map(Scope::name).map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" and "));
        out.append("### State\n\nKept in ").append(scopes).append(" state. ").append(prose(stateful.description().strip())).append("\n\n");
    }

    private static void useCases(final StringBuilder out, final Class<?> type) {
        final UseCase[] useCases = type.getAnnotationsByType(UseCase.class);
        final MultiProcessorUseCase[] multi = type.getAnnotationsByType(MultiProcessorUseCase.class);
        if (useCases.length == 0 && multi.length == 0) {
            return;
        }
        out.append("### Use cases\n\n");
        for (final UseCase useCase : useCases) {
            out.append("#### ").append(prose(useCase.description().strip())).append("\n\n");
            notesAndKeywords(out, useCase.notes(), useCase.keywords());
            if (!useCase.configuration().isBlank()) {
                out.append(configuration(useCase.configuration())).append('\n');
            }
        }
        for (final MultiProcessorUseCase useCase : multi) {
            out.append("#### ").append(prose(useCase.description().strip())).append("\n\n");
            notesAndKeywords(out, useCase.notes(), useCase.keywords());
            for (final ProcessorConfiguration configuration : useCase.configurations()) {
                final String processor = configuration.processorClass() != Processor.class
                        ? configuration.processorClass().getSimpleName() : simpleName(configuration.processorClassName());
                out.append("**").append(processor).append("**\n\n").append(configuration(configuration.configuration())).append('\n');
            }
        }
    }

    private static void notesAndKeywords(final StringBuilder out, final String notes, final String[] keywords) {
        if (!notes.isBlank()) {
            out.append(prose(notes.strip())).append("\n\n");
        }
        if (keywords.length > 0) {
            out.append("Keywords: ").append(String.join(", ", keywords)).append("\n\n");
        }
    }

    /** A use case's configuration is free text, one instruction a line: kept as written, in a block. */
    private static String configuration(final String text) {
        return "```\n" + text.strip().lines().map(String::strip).collect(Collectors.joining("\n")) + "\n```\n";
    }

    private static void seeAlso(final StringBuilder out, final SeeAlso seeAlso) {
        if (seeAlso == null) {
            return;
        }
        final Set<String> names = new LinkedHashSet<>();
        Arrays.stream(seeAlso.value()).map(Class::getSimpleName).forEach(names::add);
        Arrays.stream(seeAlso.classNames()).map(ComponentReference::simpleName).forEach(names::add);
        if (!names.isEmpty()) {
            out.append("**See also:** ").append(names.stream().map(name -> "[" + name + "](#" + name.toLowerCase(Locale.ROOT) + ")")
                    .collect(Collectors.joining(", "))).append("\n\n");
        }
    }

    /** The controller service interfaces a service implements: what processors select it by. */
    private static List<String> providedApis(final Class<?> type) {
        final Set<String> apis = new LinkedHashSet<>();
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (final Class<?> api : current.getInterfaces()) {
                if (ControllerService.class.isAssignableFrom(api) && api != ControllerService.class) {
                    apis.add("`" + api.getName() + "`");
                }
            }
        }
        return List.copyOf(apis);
    }

    private static String firstSentence(final String text) {
        final int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    /** Table cells hold one line: pipes escaped, line breaks as {@code <br>}. */
    private static String cell(final String text) {
        return prose(text.strip()).replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }

    /** Free text from the code, where {@code location.<code>} must not become an HTML tag. */
    private static String prose(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String nullToEmpty(final String text) {
        return text == null ? "" : text;
    }

    private static String simpleName(final String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
