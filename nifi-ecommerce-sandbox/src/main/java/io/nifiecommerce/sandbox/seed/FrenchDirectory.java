package io.nifiecommerce.sandbox.seed;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** French people, streets and towns (accents included on purpose) drawn from a seeded random. */
final class FrenchDirectory {

    private static final List<String> FIRST_NAMES = List.of("Amélie", "Aurélien", "Béatrice", "Cédric", "Chloé",
            "Clémence", "Élodie", "Émile", "François", "Frédérique", "Gaëlle", "Hélène", "Jérôme", "Joël", "Léa",
            "Léon", "Loïc", "Maëlle", "Mathéo", "Noémie", "Océane", "Raphaël", "Sébastien", "Stéphane", "Thérèse",
            "Zoé", "Anaïs", "Benoît", "Agnès", "Inès");
    private static final List<String> LAST_NAMES = List.of("Lefèvre", "Müller", "Dupré", "Bézier", "Gauthier",
            "Lemaître", "Févre", "Béranger", "Carré", "Delacroix", "Doré", "Faure", "Giraud", "Hébert", "Lacôte",
            "Leroy", "Mercier", "Moreau", "Noël", "Pérez", "Rivière", "Rousseau", "Thévenin", "Vallée", "Poirée",
            "Chevalier", "Brûlé", "Crépin", "d'Aubigné", "Bonnaire");
    private static final List<String> STREETS = List.of("rue de la Paix", "avenue des Champs-Élysées",
            "boulevard Saint-Germain", "rue du Faubourg Saint-Honoré", "place de l'Hôtel de Ville", "rue Lécuyer",
            "quai des Célestins", "allée des Tilleuls", "chemin des Écoliers", "rue Nationale", "impasse du Moulin",
            "rue de la République");
    private static final List<String[]> TOWNS = List.of(
            new String[]{"75004", "Paris", "Île-de-France"}, new String[]{"69002", "Lyon", "Auvergne-Rhône-Alpes"},
            new String[]{"13001", "Marseille", "Provence-Alpes-Côte d'Azur"}, new String[]{"31000", "Toulouse", "Occitanie"},
            new String[]{"44000", "Nantes", "Pays de la Loire"}, new String[]{"67000", "Strasbourg", "Grand Est"},
            new String[]{"59800", "Lille", "Hauts-de-France"}, new String[]{"33000", "Bordeaux", "Nouvelle-Aquitaine"},
            new String[]{"06000", "Nice", "Provence-Alpes-Côte d'Azur"}, new String[]{"35000", "Rennes", "Bretagne"},
            new String[]{"21000", "Dijon", "Bourgogne-Franche-Comté"}, new String[]{"76000", "Rouen", "Normandie"});
    private static final List<String> COMPANY_STEMS = List.of("Boulangerie", "Épicerie", "Hôtel", "Brasserie",
            "Librairie", "Pâtisserie", "Quincaillerie", "Fromagerie", "Société", "Maison");

    private final Random random;

    FrenchDirectory(final Random random) {
        this.random = random;
    }

    String firstName() {
        return pick(FIRST_NAMES);
    }

    String lastName() {
        return pick(LAST_NAMES);
    }

    String companyName(final String lastName) {
        return pick(COMPANY_STEMS) + " " + lastName + (random.nextBoolean() ? " SARL" : " SAS");
    }

    String phone() {
        return String.format(Locale.ROOT, "+33 6 %02d %02d %02d %02d", random.nextInt(100), random.nextInt(100),
                random.nextInt(100), random.nextInt(100));
    }

    Address address(final String firstName, final String lastName, final String company) {
        final String[] town = TOWNS.get(random.nextInt(TOWNS.size()));
        final String address2 = random.nextInt(4) == 0 ? "Bâtiment " + (char) ('A' + random.nextInt(4)) : null;
        return new Address(firstName, lastName, company, (1 + random.nextInt(180)) + " " + pick(STREETS), address2,
                town[0], town[1], town[2], "FR", "France", phone());
    }

    /** An e-mail address: accents folded, apostrophes dropped. */
    static String email(final String firstName, final String lastName, final long id, final String domain) {
        final String local = (firstName + "." + lastName + "." + id).toLowerCase(Locale.ROOT);
        final String folded = Normalizer.normalize(local, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replaceAll("[^a-z0-9.]", "");
        return folded + "@" + domain;
    }

    private <T> T pick(final List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
