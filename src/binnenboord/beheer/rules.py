# SPDX-License-Identifier: EUPL-1.2
"""The region of the functional administrator, registered by name for toegang's rules
(toegang.change_medewerker and the others ask `scope("toegang.organisatie", user)`): toegang
may not import registratie, whose School knows a school's municipality."""

from binnenboord.toegang.rules import add_scope

from .selectors import regio_scope

add_scope("toegang.organisatie", regio_scope)
