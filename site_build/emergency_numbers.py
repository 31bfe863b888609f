"""The official emergency numbers a partner may set for the embedded checker: the one list.

The build writes it into the frame's script (site_build/embed_data.py) and into the partners
page (site_build/partners.py), and the tests read it from here. A partner's number that is not on
it is ignored, so a page that frames the checker can never make it tell a reader to call some
other number.

Each entry is a general emergency number or a country's number for an ambulance: where it is
used, and the body that sets or publishes it. Compiled from those bodies' public pages and the
standards named, from the engineer's knowledge: this machine has no web access, so they were
not re-read when the list was made. Review it with the rules, and add a number only from the
country's own official source.
"""

NUMBERS = {
    "000": ("Australia", "Triple Zero: Australian Government, triplezero.gov.au"),
    "101": ("Israel", "ambulance: Magen David Adom, mdais.org"),
    "103": ("Russia, Ukraine", "ambulance: the countries' ministries of health"),
    "108": ("India", "ambulance in most states: National Health Mission, Ministry of Health and "
                     "Family Welfare"),
    "111": ("New Zealand", "New Zealand Police and Hato Hone St John, police.govt.nz"),
    "112": ("the European Union, India, and every mobile phone",
            "Council Decision 91/396/EEC; European Electronic Communications Code, Directive (EU) "
            "2018/1972, article 109; India's Emergency Response Support System, Ministry of Home "
            "Affairs; 3GPP TS 22.101 (every GSM phone)"),
    "113": ("Norway", "medical emergency: Norwegian Directorate of Health, helsenorge.no"),
    "115": ("Vietnam", "ambulance: Ministry of Health"),
    "118": ("Italy", "medical emergency: Ministry of Health"),
    "119": ("Japan, South Korea, Taiwan", "fire and ambulance: Fire and Disaster Management Agency "
                                          "(Japan), National Fire Agency (Korea, Taiwan)"),
    "120": ("China", "ambulance: National Health Commission"),
    "123": ("Egypt", "ambulance: Ministry of Health and Population"),
    "131": ("Chile", "ambulance, SAMU: Ministry of Health"),
    "144": ("Switzerland, Austria", "ambulance: Federal Office of Public Health (Switzerland), "
                                    "Federal Ministry of Health (Austria)"),
    "15": ("France", "medical emergency, SAMU: Ministry of Health, service-public.fr"),
    "192": ("Brazil", "ambulance, SAMU 192: Ministry of Health"),
    "911": ("the United States, Canada, Mexico, the Philippines",
            "Federal Communications Commission and 911.gov (US), CRTC (Canada), Secretariado "
            "Ejecutivo del Sistema Nacional de Seguridad Pública (Mexico), Executive Order 56 of "
            "2018 (Philippines)"),
    "995": ("Singapore", "ambulance and fire: Singapore Civil Defence Force, scdf.gov.sg"),
    "999": ("the United Kingdom, Ireland, Hong Kong, Malaysia, Bangladesh",
            "GOV.UK and Ofcom (UK), Department of the Environment, Climate and Communications "
            "(Ireland), the national emergency services (Hong Kong, Malaysia, Bangladesh)"),
    "1669": ("Thailand", "emergency medical services: National Institute for Emergency Medicine"),
    "10177": ("South Africa", "ambulance: South African Government, gov.za"),
}


def official(value):
    """The number as shown, if `value` is an official emergency number (spaces allowed, as
    people write "1 1 2"), else None."""
    if not isinstance(value, str):
        return None
    digits = value.replace(" ", "")
    return digits if digits in NUMBERS else None


def numbers() -> list:
    """Every official number, shortest first, for the frame's script and the partners page."""
    return sorted(NUMBERS, key=lambda n: (len(n), n))


def markdown() -> str:
    """The list for the partners page: each number and where it is used."""
    return ", ".join("`%s` (%s)" % (n, NUMBERS[n][0]) for n in numbers()) + "."
