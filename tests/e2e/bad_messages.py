"""Messages no channel may answer with an error or silence, and the start of the polite reply each gets."""
BAD_MESSAGES = [
    ("", "Je bericht was leeg"),
    ("   \n\t ", "Je bericht was leeg"),
    (None, "Je bericht was leeg"),
    ("x" * 5000, "Je bericht is erg lang"),
    ("\x00\x01\x02\x03", "Je bericht was leeg"),
    (12345, "Dat begrijp ik niet helemaal"),
    ("🤖🤖🤖", "Dat begrijp ik niet helemaal"),
    ("<script>alert(1)</script>", "Dat lijkt op code"),
    ("<img src=x onerror=alert(document.cookie)>", "Dat lijkt op code"),
    ("'; DELETE FROM werkproces; --", "Dat lijkt op code"),
    ("1' OR '1'='1", "Dat lijkt op code"),
]
# Odd but harmless: answered like any other message (whatever the answer), never silence.
ODD_MESSAGES = [
    "<script>alert('x')</script> DROP TABLE dossier; --",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
]
