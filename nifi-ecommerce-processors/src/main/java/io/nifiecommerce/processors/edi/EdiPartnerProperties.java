package io.nifiecommerce.processors.edi;

import io.nifiecommerce.edi.EdiPartner;
import io.nifiecommerce.edi.EdiSyntax;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

/** The interchange identities of a trading partner, shared by the EDI writers. */
final class EdiPartnerProperties {

    static final PropertyDescriptor SENDER_ID = new PropertyDescriptor.Builder()
            .name("Sender ID")
            .description("Our interchange id as the partner knows it: UNB sender (a GLN in EANCOM) or ISA06 (at most 15 characters).")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    static final PropertyDescriptor SENDER_QUALIFIER = new PropertyDescriptor.Builder()
            .name("Sender ID Qualifier")
            .description("Code of our id: EDIFACT 0007 (14 = GLN, ZZZ = mutually defined), X12 ISA05 (ZZ, 01, 12...). "
                    + "Empty: 14 for EDIFACT, ZZ for X12.")
            .required(false)
            .addValidator(StandardValidators.createRegexMatchingValidator(java.util.regex.Pattern.compile("[A-Za-z0-9]{1,4}")))
            .build();

    static final PropertyDescriptor RECEIVER_ID = new PropertyDescriptor.Builder()
            .name("Receiver ID")
            .description("The partner's interchange id: UNB recipient or ISA08.")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .build();

    static final PropertyDescriptor RECEIVER_QUALIFIER = new PropertyDescriptor.Builder()
            .name("Receiver ID Qualifier")
            .description("Code of the partner's id, as for the sender. Empty: 14 for EDIFACT, ZZ for X12.")
            .required(false)
            .addValidator(StandardValidators.createRegexMatchingValidator(java.util.regex.Pattern.compile("[A-Za-z0-9]{1,4}")))
            .build();

    static final PropertyDescriptor TEST_INDICATOR = new PropertyDescriptor.Builder()
            .name("Test Interchanges")
            .description("Flag the interchanges written as tests (UNB 0035 = 1, ISA15 = T) while the partner connection is being certified.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    private EdiPartnerProperties() {
    }

    static EdiPartner partner(final ProcessContext context, final FlowFile flowFile, final EdiSyntax syntax) {
        return new EdiPartner(syntax,
                context.getProperty(SENDER_ID).evaluateAttributeExpressions().getValue(),
                context.getProperty(SENDER_QUALIFIER).getValue(),
                context.getProperty(RECEIVER_ID).evaluateAttributeExpressions(flowFile).getValue(),
                context.getProperty(RECEIVER_QUALIFIER).getValue(),
                context.getProperty(TEST_INDICATOR).asBoolean());
    }
}
