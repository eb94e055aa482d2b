"""Articles written for these tests: invented towns, outlets and events."""

from __future__ import annotations

FERRY = (
    "Ferry crews in Marlow Bay walked off the job on Monday after talks over night shifts "
    "broke down, the harbour board said. About 40 sailings were cancelled and the board said "
    "it would meet the union again before the end of the week."
)
ORCHARD = (
    "A late frost damaged most of the apple blossom in the Tallis Valley, growers said, and "
    "the regional council has asked for emergency funds. One grower said the harvest could be "
    "half of what it was last year if the cold returns."
)
LIBRARY = (
    "The city library in Grenmoor will open on Sundays from next month, the council said, "
    "after a petition signed by more than 2,000 residents. The library will hire four new "
    "staff and the change will cost the city about 90,000 pounds a year."
)
BRIDGE = (
    "Engineers closed the old rail bridge at Hollin Cross after finding cracks in two of its "
    "supports, the regional rail company said. Trains will stop short of the river while the "
    "bridge is inspected, and a bus service will carry passengers across."
)
MARKET = (
    "Stallholders at the Easton covered market say the new parking charges have driven away "
    "shoppers. The market manager said footfall fell by a third in the first month and that "
    "the council had agreed to review the charges in the spring."
)
SCHOOL = (
    "A primary school in Westerby will stay closed for a second week after storm damage to its "
    "roof, the education office said. Pupils will be taught in the town hall and in the sports "
    "centre until the repairs are finished, which could take a month."
)
TEXTS = (FERRY, ORCHARD, LIBRARY, BRIDGE, MARKET, SCHOOL)
