"""A structure check of TBX v3 documents: the core structure of ISO 30042:2019 with the
TBX-Basic dialect's data categories (DCA style), as a RELAX NG grammar that lxml applies.

Written from the standard's core structure module (TBXcoreStructV03): the content model of
each element, in order, for the elements a TBX-Basic glossary uses. Notably a langSec holds
its auxiliary information (descrip, note, admin, ...) *before* its termSecs, and a termSec
holds exactly one term, then its termNotes, then its auxiliary information. The data
category values are TBX-Basic's (its Schematron rules): administrativeStatus, termType and
partOfSpeech values, definition at conceptEntry or langSec level.
"""

from __future__ import annotations

from lxml import etree

TBX_NS = "urn:iso:std:iso:30042:ed-2"

_GRAMMAR = f"""\
<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="{TBX_NS}"
         datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start>
    <element name="tbx">
      <attribute name="style"><value>dca</value></attribute>
      <attribute name="type"><value>TBX-Basic</value></attribute>
      <attribute name="xml:lang" ns="http://www.w3.org/XML/1998/namespace"><data type="language"/></attribute>
      <ref name="tbxHeader"/>
      <element name="text">
        <element name="body"><oneOrMore><ref name="conceptEntry"/></oneOrMore></element>
      </element>
    </element>
  </start>
  <define name="tbxHeader">
    <element name="tbxHeader">
      <element name="fileDesc">
        <optional><element name="titleStmt"><element name="title"><text/></element></element></optional>
        <optional><element name="publicationStmt"><oneOrMore><ref name="p"/></oneOrMore></element></optional>
        <oneOrMore><element name="sourceDesc"><oneOrMore><ref name="p"/></oneOrMore></element></oneOrMore>
      </element>
    </element>
  </define>
  <define name="p"><element name="p"><text/></element></define>
  <define name="conceptEntry">
    <element name="conceptEntry">
      <attribute name="id"><data type="ID"/></attribute>
      <zeroOrMore><choice><ref name="definition"/><ref name="note"/><ref name="admin"/></choice></zeroOrMore>
      <oneOrMore><ref name="langSec"/></oneOrMore>
    </element>
  </define>
  <define name="langSec">
    <element name="langSec">
      <attribute name="xml:lang" ns="http://www.w3.org/XML/1998/namespace"><data type="language"/></attribute>
      <zeroOrMore><choice><ref name="definition"/><ref name="note"/><ref name="admin"/></choice></zeroOrMore>
      <oneOrMore><ref name="termSec"/></oneOrMore>
    </element>
  </define>
  <define name="termSec">
    <element name="termSec">
      <element name="term"><data type="string"><param name="minLength">1</param></data></element>
      <zeroOrMore><ref name="termNote"/></zeroOrMore>
      <zeroOrMore><choice><ref name="note"/><ref name="admin"/><ref name="context"/></choice></zeroOrMore>
    </element>
  </define>
  <define name="termNote">
    <element name="termNote">
      <choice>
        <group>
          <attribute name="type"><value>administrativeStatus</value></attribute>
          <choice>
            <value>preferredTerm-admn-sts</value><value>admittedTerm-admn-sts</value>
            <value>deprecatedTerm-admn-sts</value><value>supersededTerm-admn-sts</value>
          </choice>
        </group>
        <group>
          <attribute name="type"><value>termType</value></attribute>
          <choice>
            <value>fullForm</value><value>acronym</value><value>abbreviation</value>
            <value>shortForm</value><value>variant</value><value>phrase</value>
          </choice>
        </group>
        <group>
          <attribute name="type"><value>partOfSpeech</value></attribute>
          <choice><value>noun</value><value>verb</value><value>adjective</value><value>adverb</value><value>other</value></choice>
        </group>
      </choice>
    </element>
  </define>
  <define name="definition">
    <element name="descrip"><attribute name="type"><value>definition</value></attribute><text/></element>
  </define>
  <define name="context">
    <element name="descrip"><attribute name="type"><value>context</value></attribute><text/></element>
  </define>
  <define name="note"><element name="note"><text/></element></define>
  <define name="admin">
    <element name="admin">
      <attribute name="type"><choice><value>source</value><value>projectSubset</value><value>customerSubset</value></choice></attribute>
      <text/>
    </element>
  </define>
</grammar>
"""

TBX_BASIC = etree.RelaxNG(etree.fromstring(_GRAMMAR.encode("utf-8")))


def structure_errors(document: bytes) -> list[str]:
    """The places where ``document`` departs from the TBX v3 core structure (TBX-Basic)."""
    tree = etree.fromstring(document)
    if TBX_BASIC.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in TBX_BASIC.error_log]
