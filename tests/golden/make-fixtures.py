# Writes the PDF-extraction-shaped fixtures res.*.txt of this folder (own text,
# shaped like corpora/A_RES_76_295.zh.txt).  Run here: python3 make-fixtures.py
# Writes PDF-extraction-shaped fixtures: "$" at a line end = trailing space
# (paragraph end), a blank line follows every line except URL lines.
import sys
def write(name, src):
    out = []
    for ln in src.strip('\n').split('\n'):
        trailing = ln.endswith('$')
        if trailing: ln = ln[:-1] + ' '
        out.append(ln)
        if not ln.lstrip('\f').startswith('http'):
            out.append('')
    open(name, 'w', encoding='utf-8').write(('\n'.join(out) + '\n').replace('\\f', '\f'))

write('res.en.txt', r'''
 Ninety-ninth session $
Agenda item 7 $
  Resolution adopted by the General Assembly on 3 March 2031 $
  [without reference to a Main Committee (A/99/L.5 and A/99/L.5/Add.1)] $
 99/123. Cooperation between river basin organizations $
 The General Assembly, $
 Recalling its resolution 70/1 of 25 September 2015, in which it adopted a
comprehensive set of goals, and the development of shared basins, $
 Noting that well-being in river basins depends on clean water and on
efforts to reduce CO2 emissions, $
 Welcoming the joint statement adopted at the meeting of river basin organi-
zations held in Geneva in 2030,1 and noting the importance of the well-
being of riparian communities and of the develop-
__________________ $
 1 A/98/765, annex. $
https://undocs.org/en/A/99/L.5
https://undocs.org/A/98/765
\f2/3  31-01234 $
A/RES/99/123 Cooperation between river basin organizations $
ment of shared infrastructure, $
 1. Encourages cooperation among river basin organizations, including the
exchange of information on sub-
regional approaches: $
 (a) Sharing data on water flows; $
 (b) Joint monitoring; $
 2. Stresses the importance of the Vienna Programme of Action,2 which calls for
better transit infrastructure; $
 3. Decides to include in the provisional agenda of its one hundredth session
the item entitled “Cooperation between river basin organizations”.3 $
 93rd plenary meeting $
3 March 2031 $
__________________ $
 2 Resolution 69/137, annex II. $
 3 See also A/99/L.5/Add.1, which
lists the sponsors. $
https://undocs.org/en/A/RES/69/137
''')

write('res.fr.txt', r'''
 Quatre-vingt-dix-neuvième session $
Point 7 de l’ordre du jour $
 99/123. Coopération entre les organismes de bassin $
 L’Assemblée générale, $
 Rappelant sa résolution 70/1 du 25 septembre 2015, intitulée « Transformer
notre monde », $
 Accueillant avec satisfaction la déclaration commune de Genève1 et le Pro-
gramme d’action de Vienne, $
__________________ $
 1 A/98/765, annexe. $
https://undocs.org/fr/A/98/765
 1. Encourage la coopération entre les organismes de bassin ; $
 2. Prie le Secrétaire général de lui faire rapport à sa centième session. $
 93e séance plénière $
3 mars 2031 $
''')

write('res.es.txt', r'''
 Nonagésimo noveno período de sesiones $
Tema 7 del programa $
 99/123. Cooperación entre los organismos de cuenca $
 La Asamblea General, $
 Recordando su resolución 70/1, de 25 de septiembre de 2015, titulada
“Transformar nuestro mundo”, $
 Acogiendo con beneplácito la declaración conjunta de Ginebra1 y el Pro-
grama de Acción de Viena, $
__________________ $
 1 A/98/765, anexo. $
https://undocs.org/es/A/98/765
 1. Alienta la cooperación entre los organismos de cuenca; $
 2. Solicita al Secretario General que le presente un informe en su centésimo
período de sesiones. $
 93ª sesión plenaria $
3 de marzo de 2031 $
''')

write('res.ru.txt', r'''
 Девяносто девятая сессия $
Пункт 7 повестки дня $
 99/123. Сотрудничество между бассейновыми организациями $
 Генеральная Ассамблея, $
 ссылаясь на свою резолюцию 70/1 от 25 сентября 2015 года, в которой она
приняла комплекс целей, и подчеркивая важность сотрудничества, $
 приветствуя совместное заявление, принятое в Женеве1, и отмечая важность сотрудни-
чества бассейновых организаций, $
__________________ $
 1 A/98/765, приложение. $
https://undocs.org/ru/A/98/765
 1. вновь подтверждает важность сотрудничества; $
 а) обмен данными; $
 б) совместный мониторинг; $
 2. просит Генерального секретаря представить доклад на ее сотой сессии. $
 93-е пленарное заседание $
3 марта 2031 года $
''')

write('res.ar.txt', r'''
 الدورة التاسعة والتسعون $
البند 7 من جدول الأعمال $
 99/123 - التعاون بين منظمات أحواض الأنهار $
 إن الجمعية العامة، $
 إذ تشير إلى قرارها 70/1 المؤرخ 25 أيلول/سبتمبر 2015، وإذ تؤكد أهمية
التعاون بين منظمات الأحواض، $
 وإذ ترحب بالبيان المشترك المعتمد في جنيف(1)، $
__________________ $
 1 A/98/765، المرفق. $
https://undocs.org/ar/A/98/765
 ١ - تؤكد من جديد أهمية التعاون؛ $
 (أ) تبادل البيانات؛ $
 ٢. تطلب إلى الأمين العام أن يقدم تقريرا في دورتها المائة. $
 الجلسة العامة 93 $
3 آذار/مارس 2031 $
''')
