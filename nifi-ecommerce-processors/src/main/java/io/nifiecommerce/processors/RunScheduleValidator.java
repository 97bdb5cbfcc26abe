package io.nifiecommerce.processors;

import io.nifiecommerce.schedule.RunSchedule;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;

import java.time.ZoneId;

/** Accepts a blank value, a time period or a six-field cron expression, with the parser's reason otherwise. */
public final class RunScheduleValidator implements Validator {

    public static final RunScheduleValidator INSTANCE = new RunScheduleValidator();

    public static RunSchedule parse(final String value) {
        return RunSchedule.parse(value, ZoneId.systemDefault());
    }

    @Override
    public ValidationResult validate(final String subject, final String input, final ValidationContext context) {
        try {
            parse(input);
            return new ValidationResult.Builder().subject(subject).input(input).valid(true).build();
        } catch (final IllegalArgumentException e) {
            return new ValidationResult.Builder().subject(subject).input(input).valid(false).explanation(e.getMessage()).build();
        }
    }
}
