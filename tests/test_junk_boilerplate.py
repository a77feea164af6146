"""Boilerplate phrase rules (rules/boilerplate.toml) on text they were not written from.

Each junk line must go under the expected rule; each lookalike (a sentence or
subheading that uses the same words) must stay.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner

from .conftest import line_goes, line_stays

CLEANER = Cleaner(select=("B",), ignore=("B010",))  # B010 is for the article-body preset
PARAGRAPH = "The library reopened on Saturday after a year of repairs to its leaking roof.\n"


@pytest.mark.parametrize(("line", "code"), [
    ("Share on WhatsApp", "B001"),
    ("* Pinterest", "B001"),
    ("Follow us on Instagram", "B001"),
    ("Subscribe to our weekly newsletter", "B002"),
    ("Log In", "B002"),
    ("Thanks for signing up!", "B002"),
    ("Terms & Conditions", "B003"),
    ("© 2021 Northfield Gazette Ltd", "B003"),
    ("Copyright 2020 Some Publisher. All Rights Reserved.", "B003"),
    ("Back to top", "B004"),
    ("- Skip to main content", "B004"),
    ("View Comments", "B005"),
    ("14 comments", "B005"),
    ("Have your say", "B005"),
    ("Tell us what you think...", "B005"),
    ("We use cookies to personalise content and ads and to analyse our traffic.", "B006"),
    ("Photo 2 of 15", "B007"),
    ("Archives (12)", "B007"),
    ("5 hours ago", "B008"),
    ("Filed under: Libraries, Local news", "B009"),
    ("Reprints & Permissions", "B011"),
    ("This article is for your personal, non-commercial use only. To order copies, visit our reprints desk.", "B011"),
    ("Write to Priya Nair and Ole Berg at newsroom@valley-courier.example", "B011"),
    ("Email the author at p.nair@valley-courier.example.", "B011"),
    ("Want more? Have the morning briefing sent right to your inbox, free.", "B012"),
    ("Receive our weekend picks in your inbox", "B012"),
    ("Get Valley Walks magazine delivered to your door every quarter. 4 issues for £20.", "B012"),
    ("Follow @valleycourier on Instagram for daily photos.", "B012"),
    ("Enjoyed this? Share this article with your friends.", "B012"),
    ("CLICK HERE TO SUBSCRIBE", "B012"),
    ("Something went wrong. Please try again.", "B012"),
    ("Multi-Quote", "B013"),
    ("Report post", "B013"),
    ("Super Moderator", "B013"),
    ("Join Date: Feb 2014", "B013"),
    ("Likes received: 1,024", "B013"),
    ("Page 2 of 7", "B013"),
    ("You must be logged in to reply.", "B013"),
    ("Email this post", "B001"),
    ("Subscribe to: Post Comments (Atom)", "B002"),
    ("Older Posts", "B004"),
    ("« Newer Entries", "B004"),
    ("Next post →", "B004"),
    ("Loading…", "B004"),
    ("Labels: libraries, repairs", "B009"),
    ("Posted in Local news | Tagged library, roof | 3 Comments", "B009"),
    ("Your email address will not be published.", "B014"),
    ("Notify me of new comments via email.", "B014"),
    ("Submit Comment", "B014"),
    ("Powered by Ghost", "B014"),
    ("Theme designed by Studio North", "B014"),
    ("Follow", "B001"),
    ("Like this:", "B001"),
    ("Share Improve this question Follow", "B013"),
    ("asked Nov 2, 2019 at 17:05", "B013"),
    ("Modified 3 months ago", "B013"),
    ("Viewed 1,204 times", "B013"),
    ("Post Your Answer", "B013"),
    ("Post by shelfstacker » Sat Jan 14, 2023 9:02 am", "B013"),
    ("Users browsing this topic: 2 registered users and 5 guests", "B013"),
])
def test_junk_line_goes(line, code):
    result = line_goes(CLEANER, PARAGRAPH, line, PARAGRAPH, code)
    assert line.strip()[:20] in result.changes[0].reason


@pytest.mark.parametrize("line", [
    "Twitter users shared pictures of the queue outside.",
    "Readers who subscribe to the newsletter will get the schedule first.",
    "Contact us if the doors are locked, the librarian said.",
    "Copyright law protects the authors of the books on loan.",
    "© Jane Porter",  # a photo credit: only the article-body preset drops it
    "More:",
    "Search and rescue",
    "Comments from readers were mostly kind.",
    "Tell us what you think of the new opening hours, the librarian asked.",
    "This website uses a design that the students made themselves, and it has won a prize.",
    "Chapter 2 of 10 is the hardest to read.",
    "Tags are printed on every book.",
    "Reprints of the 1920 map sold out within a week.",
    "Pupils can write to the head librarian at books@school.example with their wish lists.",
    "Overdue notices now arrive in your inbox instead of by post.",
    "Members can have books delivered to their door, the librarian said.",
    "Follow the blue line on the floor to the reading room.",
    "She will share it with a friend who runs the archive, she said.",
    "Click here to see the catalogue, the poster in the lobby reads, with an arrow to the screen.",
    "The first scan failed, so staff will try again on Monday.",
    "Quote of the day",
    "Like many towns, we lost our library once.",
    "Members: bring your card to the desk.",
    "Posts: the new opening hours are on the door.",
    "Page two of the map shows the old mill.",
    "Next post will be about the reading room.",
    "Older posts are in the archive, the editor said.",
    "Loading the new shelves took two days.",
    "Labels on the old shelves were handwritten.",
    "Posted in the window of the library, the notice drew a crowd.",
    "Your email address will not be published in the members' list, the library promised.",
    "Powered by solar panels, the library now runs off the grid.",
    "Name: Anna Berg, head librarian",
    "Asked about the price, the librarian laughed.",
    "Your answer is in the catalogue, she said.",
    "Level 3",  # a heading of a game guide, not a forum's nesting level
    "Top shelves hold the oldest books",
    "   like this:",  # the end of a hard-wrapped line: "... the request looks" / "like this:"
])
def test_lookalike_stays(line):
    assert line_stays(CLEANER, PARAGRAPH, line, PARAGRAPH).changes == ()


@pytest.mark.parametrize("line", ["© Jane Porter", "Photo: Jane Porter, Agency", "Image caption Readers queue at the door"])
def test_article_body_drops_photo_credits(line):
    result = Cleaner(preset="article-body", select=("B",)).clean(PARAGRAPH + line + "\n" + PARAGRAPH)
    assert result.text == PARAGRAPH + PARAGRAPH
    assert [change.code for change in result.changes] == ["B010"]


def test_forum_thread_keeps_the_posts_and_loses_the_controls():
    """A thread saved as text, in another forum's layout than the rule's example."""
    posts = ["Has anyone fitted the newer thermostat to the 2012 boiler? The old one keeps sticking.",
             "Yes, last winter. It needs the adapter plate, which the plumbers' merchant had in stock.",
             "Thanks, that saved me a wasted trip. Ordered the plate today."]
    controls = [["Registered User", "Join Date: Feb 2014", "Posts: 88"],
                ["Senior Member", "Join Date: Sep 2009", "Posts: 5,120", "Likes received: 312"],
                ["Registered User", "Join Date: Feb 2014", "Posts: 89"]]
    buttons = ["Reply With Quote", "Multi-Quote", "Report post"]
    thread = "".join(f"poster{n}\n" + "\n".join(meta) + f"\n{post}\n" + "\n".join(buttons) + "\n\n"
                     for n, (meta, post) in enumerate(zip(controls, posts), 1)) + "Page 1 of 1\n"
    result = Cleaner(select=("B013",)).clean(thread)
    kept = result.text.splitlines()
    assert all(post in kept for post in posts)
    assert not set(kept) & {*buttons, "Registered User", "Senior Member", "Page 1 of 1"}
    assert not [line for line in kept if line.startswith(("Join Date", "Posts:", "Likes"))]


def test_a_command_reference_keeps_its_lower_case_subcommands():
    """A tool's manual lists its subcommands, each a lone word in lower case; a forum's buttons are capitalised."""
    reference = ("COMMANDS\n\ncreate\n\nCreate a new archive of the folder.\n\n"
                 "delete\n\nDelete an archive and every copy of it.\n\n"
                 "report\n\nPrint what the last backup wrote.\n\nuser\n\nShow the account the tool runs as.\n")
    assert Cleaner(select=("B013",)).clean(reference).text == reference
    post = "Thanks, the adapter plate fitted the 2012 boiler.\nDelete\nReport\nUser\n"
    assert Cleaner(select=("B013",)).clean(post).text == "Thanks, the adapter plate fitted the 2012 boiler.\n"


PARAGRAPHS = {
    "de": "Die Bibliothek hat am Samstag nach einem Jahr Bauarbeiten am undichten Dach wieder geöffnet.\n",
    "fr": "La bibliothèque a rouvert samedi après un an de travaux sur son toit qui fuyait.\n",
    "es": "La biblioteca reabrió el sábado después de un año de obras en su tejado con goteras.\n",
    "it": "La biblioteca ha riaperto sabato dopo un anno di lavori al tetto che perdeva.\n",
    "pt": "A biblioteca reabriu no sábado depois de um ano de obras no telhado que tinha infiltrações.\n",
}


@pytest.mark.parametrize(("language", "line", "code"), [
    ("de", "Auf WhatsApp teilen", "B001"),
    ("fr", "Suivez-nous sur Instagram", "B001"),
    ("pt", "Compartilhe", "B001"),
    ("de", "Jetzt abonnieren", "B002"),
    ("es", "Iniciar sesión", "B002"),
    ("it", "Il mio account", "B002"),
    ("de", "Datenschutzerklärung", "B003"),
    ("fr", "Mentions légales", "B003"),
    ("es", "© 2022 Diario del Valle. Todos los derechos reservados.", "B003"),
    ("it", "Chi siamo", "B003"),
    ("fr", "Retour en haut", "B004"),
    ("es", "Volver arriba", "B004"),
    ("de", "* Startseite", "B004"),
    ("it", "Lascia un commento", "B005"),
    ("pt", "12 comentários", "B005"),
    ("fr", "Ce site utilise des cookies pour améliorer votre expérience de navigation.", "B006"),
    ("de", "Alle akzeptieren", "B006"),
    ("es", "hace 3 horas", "B008"),
    ("de", "vor 20 Minuten", "B008"),
    ("it", "2 giorni fa", "B008"),
    ("fr", "Mots-clés : bibliothèque, travaux", "B009"),
    ("de", "Schlagwörter: Bibliothek, Dach", "B009"),
])
def test_furniture_in_another_language_goes(language, line, code):
    line_goes(CLEANER, PARAGRAPHS[language], line, PARAGRAPHS[language], code)


@pytest.mark.parametrize(("language", "line"), [
    ("de", "Die Suche nach dem Schlüssel dauerte zwei Tage."),
    ("de", "Kontakt zu den Handwerkern hielt der Hausmeister."),
    ("de", "Weiter so!"),
    ("es", "Ayer llovió otra vez sobre el tejado nuevo."),
    ("es", "Compartir libros es la idea de la biblioteca."),
    ("fr", "Accueil chaleureux pour les lecteurs"),
    ("fr", "Les commentaires des lecteurs ont été positifs."),
    ("it", "Commenti dei lettori sul nuovo orario"),
    ("pt", "Início das obras em março"),
])
def test_lookalike_in_another_language_stays(language, line):
    line_stays(CLEANER, PARAGRAPHS[language], line, PARAGRAPHS[language])
