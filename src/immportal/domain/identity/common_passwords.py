"""Passwords and words that attackers try first, written for this project (not a leaked list).

Entries are lower case without spaces. The policy also tries each password with digits
and punctuation stripped from both ends and with look-alike digits read as letters, so
"Password2024!" and "p@ssw0rd1234" match "password". It is a Python module rather than
a data file so it always ships with the package.
"""

from __future__ import annotations

_WORDS = """
password passw0rd passwort passwd pass pass123 passpass mypassword newpassword oldpassword
yourpassword thepassword secretpassword password1 password12 password123 password1234
passwordpassword contrasena motdepasse senha parola wachtwoord salasana haslo
lozinka sifre parol mima kennwort adgangskode losenord
qwerty qwertz azerty qwertyuiop qwertyuiopasdfghjkl qwertyuiopasdfghjklzxcvbnm qwerty123
qwerty1234 qwertyqwerty qwertyui qwertyu asdf asdfgh asdfghjkl asdfasdf asdfjkl zxcv zxcvbn
zxcvbnm zxcvbnm123 qazwsx qazwsxedc qazwsxedcrfv 1qaz2wsx 1qaz2wsx3edc 1qaz2wsx3edc4rfv
zaq12wsx zaq1zaq1 zaq12wsxcde3 !qaz2wsx 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1q2w3e4r5t6y7u8i
q1w2e3r4 q1w2e3r4t5 q1w2e3r4t5y6 qweasd qweasdzxc qweasdzxc123 poiuytrewq lkjhgfdsa
mnbvcxz ytrewq ewq321 azertyuiop wxcvbn aqwzsx 1234qwer qwer1234 1qazxsw2 abcd1234 abc123
abcdefg abcdefgh abcdefghijkl abc123456789 a1b2c3d4e5f6 a1b2c3 aa123456 123abc 123qwe
123456 1234567 12345678 123456789 1234567890 12345678910 123456789012 1234567890123
123123 123123123 123123123123 111111 1111111111 11111111111 000000 0000000000 121212
112233 11223344 111222333 123321 12344321 123454321 654321 987654321 9876543210 0987654321
147258369 159753 159357 147852 741852963 789456123 456789 246810 13579 1357924680 101010
666666 696969 777777 888888 999999 5555555555 1212121212 7777777777 2580 852456
iloveyou iloveyou1 iloveyou2 iloveyousomuch iloveyoutoo iloveu iloveme loveyou loveme
lovely love lover loving lovelove ilovemymom ilovemydad ilovemywife ilovemyhusband
ilovejesus ilovegod iloveyoubaby teamo jetaime tiamo ichliebedich tequiero
letmein letmeinnow letmein123 welcome welcome1 welcome123 welcomehome hello hello123
helloworld hellokitty hithere goodmorning goodnight whatsup howareyou
admin admin123 admin1234 administrator adminadmin root rootroot toor superuser sysadmin
login login123 user username guest guest123 test test123 testing testtest demo demo123
default changeme changeit changeme123 temp temp123 temporary master masterkey secret
secret123 topsecret private access access14 letmeout opensesame openup unlock
trustno1 trustnoone nopassword whatever whatever1 nothing none blank empty
monkey dragon shadow sunshine princess football baseball basketball soccer hockey
superman batman spiderman ironman starwars startrek pokemon pikachu naruto minecraft
fortnite roblox mario zelda harrypotter hogwarts gandalf matrix
michael jennifer jessica ashley daniel thomas jordan hunter ranger buster charlie
robert william joseph david james john richard george andrew matthew joshua anthony
maria mariana sophia olivia emma isabella mohammed muhammad ahmed ali jose juan carlos
luis miguel ana wei li chen wang zhang liu priya rahul amit sanjay nguyen
harley killer tigger maggie pepper ginger cookie cookies chocolate flower flowers
butterfly rainbow unicorn kitten puppy doggy bubbles cupcake cheese chicken banana
orange apple strawberry blueberry pumpkin peanut sugar honey
mustang corvette ferrari mercedes porsche bmw toyota honda harleydavidson
yankees cowboys steelers lakers liverpool arsenal chelsea manchester manchesterunited
barcelona realmadrid juventus bayern galatasaray fenerbahce flamengo bocajuniors
america usa canada mexico brazil london newyork california texas florida chicago
paris berlin madrid tokyo mumbai delhi lagos manila
summer winter spring autumn january february march april may june july august
september october november december monday tuesday wednesday thursday friday saturday
sunday christmas halloween easter birthday happybirthday newyear
jesus jesuschrist jesus1 god godisgood godislove blessed blessing angel angels heaven
faith hope charity grace praise hallelujah amen allah bismillah
family friends friend mother father mommy daddy brother sister baby babygirl babyboy
mylove myself mylife forever together always sweetheart honey1 darling
computer internet google facebook instagram twitter youtube tiktok whatsapp snapchat
microsoft apple samsung iphone android windows linux ubuntu macbook gmail yahoo hotmail
outlook amazon netflix spotify paypal bitcoin
money money123 dollar rich success winner champion victory lucky lucky7 luckyme
freedom liberty justice peace power strong happy happiness smile funny crazy cool
awesome amazing beautiful pretty handsome sexy hottie
qwerty12345 qwertyuiop123 password12345 password123456 iloveyou123 iloveyou1234
welcome12345 letmein12345 admin12345 abcdefg12345 monkey12345 dragon12345
passport visa greencard citizenship citizen immigrant asylum refugee
naturalization residency resident permanentresident workpermit
government federal department homeland security
correcthorsebatterystaple correcthorse batterystaple thequickbrownfox
thequickbrownfoxjumpsoverthelazydog loremipsum loremipsumdolor
mypasswordisstrong strongpassword securepassword safepassword verysecure verysecret
supersecret mysecret secretcode passcode pincode keyboard mouse
"""

COMMON_PASSWORDS: frozenset[str] = frozenset(_WORDS.split())
"""Every entry, lower case."""
